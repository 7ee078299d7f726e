/** loadManifestFiles: the file-system adapter of manifests/ (files, directories, stdin). */
import { NopeaError } from "../shared/mod.ts";
import { settleBounded } from "./_bounded_reads.ts";
import { assertSourceSize } from "./_source_checks.ts";
import { type WalkFs, walkManifests } from "./_walk.ts";
import { checkLoaded, type ManifestSource } from "./load.ts";
import type { SchemaCheckCache } from "./schema_cache.ts";
import type { ManifestError } from "./manifest_error.ts";
import { decoded, readCapped } from "./read_text.ts";
import type { LoadedManifests } from "./validate.ts";

/** Options of {@linkcode loadManifestFiles}. */
export interface LoadManifestFilesOptions {
  /** Reads all of standard input, for the path `-`. @default reads `Deno.stdin` */
  stdin?: () => Promise<string>;
  /** The namespace given explicitly (`--namespace`); objects naming another one are errors. */
  namespace?: string;
  /** Verdicts of earlier schema checks (see `CheckOptions` of `checkManifestSources`). */
  schemaCache?: SchemaCheckCache;
}

const STDIN_NAME = "<stdin>";
/** Files read at the same time. */
const READ_CONCURRENCY = 16;
const DENO_FS: WalkFs = { realPath: Deno.realPath, readDir: Deno.readDir, stat: Deno.stat };

async function statOrUndefined(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new NopeaError("MANIFEST_INVALID", `Cannot read manifests from "${path}": ${String(e)}`, {
      hint: "Check the path and its permissions",
      cause: e,
    });
  }
}

/** Expands the paths into an ordered list of files (`-` stays `-`); missing paths are collected. */
async function selectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    if (path === "-") {
      files.push(path);
      continue;
    }
    const info = await statOrUndefined(path);
    if (info === undefined) missing.push(path);
    else if (info.isDirectory) {
      files.push(...await walkManifests(path, DENO_FS));
    } else files.push(path);
  }
  if (missing.length > 0) {
    const list = missing.map((p) => `"${p}"`).join(", ");
    throw new NopeaError("MANIFEST_INVALID", `Cannot load manifests: file not found: ${list}`, {
      hint: "Check the path; pass manifest files, directories, or - to read standard input",
      details: { files: missing },
    });
  }
  return files;
}

/** A regular file's bytes in one buffer of its size; `undefined` when it grew since `stat`. */
async function readRegular(path: string, size: number): Promise<Uint8Array | undefined> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(size + 1);
  let at = 0;
  while (at < buffer.length) {
    const n = await file.read(buffer.subarray(at));
    if (n === null) break;
    at += n;
  }
  return at <= size ? buffer.subarray(0, at) : undefined;
}

async function readSource(
  path: string,
  stdin: (() => Promise<string>) | undefined,
): Promise<ManifestSource | ManifestError> {
  if (path === "-") {
    if (stdin !== undefined) return { name: STDIN_NAME, text: await stdin() };
    return decoded(STDIN_NAME, await readCapped(Deno.stdin.readable, STDIN_NAME));
  }
  try {
    const info = await Deno.stat(path);
    if (info.isFile) assertSourceSize(path, info.size, true);
    const bytes = info.isFile ? await readRegular(path, info.size) : undefined;
    return decoded(path, bytes ?? await readCapped((await Deno.open(path)).readable, path));
  } catch (e) {
    if (e instanceof NopeaError) throw e;
    throw new NopeaError("MANIFEST_INVALID", `Cannot read manifest "${path}": ${String(e)}`, {
      hint: "Check that the file exists and is readable",
      cause: e,
    });
  }
}

/**
 * Loads manifests from files, directories (recursively: `*.yaml`, `*.yml` and `*.json`, sorted by
 * path) and standard input (`-`), then parses and validates them as one set, built-in kinds
 * against their OpenAPI schemas too (see {@linkcode checkManifestSources}).
 *
 * What is refused before parsing: a file over {@linkcode MANIFEST_LIMITS}.fileBytes (8 MiB, read
 * no further), bytes that are not UTF-8 (with their line and column), and a directory with a
 * symbolic link that leaves it or a broken link to a manifest file. Links that stay inside the
 * directory are followed once each; kubectl follows none, Nopea follows those so that a layout
 * of shared files keeps working, and never deploys a file from outside the directory given.
 *
 * @param paths Files, directories, or `-`; in the order the user gave them.
 * @param options Where standard input comes from, and the explicit namespace.
 * @returns The objects in load order with their locations, and warnings.
 * @throws {NopeaError} `MANIFEST_INVALID` for a missing path, an oversize file, a symbolic link
 * out of a directory, or when no objects were found; `MANIFEST_PARSE` / `MANIFEST_INVALID`
 * ({@linkcode ManifestError}s) for invalid documents.
 *
 * @example Read manifests from (simulated) standard input
 * ```ts
 * import { loadManifestFiles } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n";
 * const loaded = await loadManifestFiles(["-"], { stdin: () => Promise.resolve(text) });
 * equal(loaded.objects[0]?.location.source, "<stdin>");
 * ```
 */
export async function loadManifestFiles(
  paths: readonly string[],
  options: LoadManifestFilesOptions = {},
): Promise<LoadedManifests> {
  const files = await selectFiles(paths);
  const read = await settleBounded(files, READ_CONCURRENCY, (file) => {
    return file === "-" ? Promise.resolve(undefined) : readSource(file, undefined);
  });
  const sources: (ManifestSource | ManifestError)[] = [];
  let stdin: ManifestSource | ManifestError | undefined;
  for (const [i, file] of files.entries()) {
    const result = read[i]!;
    if (result.status === "rejected") throw result.reason;
    sources.push(result.value ?? (stdin ??= await readSource(file, options.stdin)));
  }
  const loaded = await checkLoaded(sources, {
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(options.schemaCache ? { schemaCache: options.schemaCache } : {}),
  });
  if (loaded.objects.length === 0) {
    const list = paths.length === 0 ? "no paths" : paths.map((p) => `"${p}"`).join(", ");
    throw new NopeaError("MANIFEST_INVALID", `Cannot load manifests: no objects found in ${list}`, {
      hint: "Pass files or directories that contain Kubernetes objects in *.yaml, *.yml or " +
        "*.json files (or pipe them to -)",
    });
  }
  return loaded;
}
