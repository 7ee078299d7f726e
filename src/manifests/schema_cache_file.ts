/**
 * The schema checks' verdicts in one JSON file (`.nopea/cache/schema-checks.json` for the CLI and
 * `openEngine`): the file-system adapter of {@linkcode SchemaCheckCache}. The file holds its own
 * random key and the keyed digests, and is readable by its owner only, like memory's Secret key.
 */
import {
  mergeVerdicts,
  newSchemaKey,
  SCHEMA_CACHE_LIMIT,
  SCHEMA_CHECKER,
  type SchemaCheckCache,
  schemaDigest,
} from "./schema_cache.ts";

/** The file's content. */
interface VerdictFile {
  checker: string;
  key: string;
  passed: string[];
}

const isHex64 = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);

/** The file's key and verdicts; `undefined` when it is missing, unreadable, damaged or stale. */
async function readVerdicts(path: string): Promise<VerdictFile | undefined> {
  try {
    const file = JSON.parse(await Deno.readTextFile(path)) as Partial<VerdictFile> | null;
    if (file?.checker !== SCHEMA_CHECKER || !isHex64(file.key)) return undefined;
    const passed = Array.isArray(file.passed) ? file.passed.filter(isHex64) : [];
    return { checker: SCHEMA_CHECKER, key: file.key, passed };
  } catch {
    return undefined;
  }
}

/** Writes the file whole (mode 0600), through a temporary file renamed over it. */
async function writeVerdicts(path: string, file: VerdictFile): Promise<void> {
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  const temp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await Deno.writeTextFile(temp, JSON.stringify(file) + "\n", { mode: 0o600 });
    await Deno.rename(temp, path);
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}

/**
 * A cache kept in the JSON file `path` (its folder is created on the first write). A file of
 * another checker, or one that cannot be read or parsed, counts as no verdicts and is replaced on
 * the next write; a failed write is ignored. Two processes writing at once may lose each other's
 * new verdicts, never the file.
 *
 * @example
 * ```ts
 * import { fileSchemaCheckCache } from "./schema_cache_file.ts";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n";
 * await fileSchemaCheckCache(`${dir}/cache/schema-checks.json`).remember([text]);
 * equal((await fileSchemaCheckCache(`${dir}/cache/schema-checks.json`).passed([text])).size, 1);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function fileSchemaCheckCache(path: string, limit = SCHEMA_CACHE_LIMIT): SchemaCheckCache {
  return {
    async passed(texts) {
      const file = await readVerdicts(path);
      if (!file) return new Set();
      const known = new Set(file.passed);
      return new Set(texts.flatMap((t, i) => known.has(schemaDigest(t, file.key)) ? [i] : []));
    },
    async remember(texts) {
      if (texts.length === 0) return;
      try {
        const file = await readVerdicts(path) ??
          { checker: SCHEMA_CHECKER, key: newSchemaKey(), passed: [] };
        const digests = texts.map((t) => schemaDigest(t, file.key));
        const held = new Set(file.passed);
        if (digests.every((d) => held.has(d))) return;
        await writeVerdicts(path, { ...file, passed: mergeVerdicts(file.passed, digests, limit) });
      } catch {
        // Only a cache: the texts are checked again next time.
      }
    },
  };
}
