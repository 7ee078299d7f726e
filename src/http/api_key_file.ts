/** The local API key file: made once, readable only by its owner, reused on every start. */
import { join } from "node:path";
import { NopeaError } from "../shared/mod.ts";

/** The deploy key file's name inside the memory directory. */
export const API_KEY_FILE = "api-key";
/** The read-only key file's name inside the memory directory. */
export const READ_API_KEY_FILE = "read-api-key";

/** A key read from (or just written to) the key file. */
export interface ApiKeyFile {
  /** The key clients send as `x-api-key`. */
  key: string;
  /** The file it is in. */
  path: string;
  /** Whether this call made the file. */
  created: boolean;
}

function unusable(path: string, why: string, cause?: unknown): NopeaError {
  return new NopeaError("SPEC_INVALID", `Cannot use the API key file ${path}: ${why}`, {
    hint: `Delete ${path} to have a new key made, or set NOPEA_API_KEY`,
    ...(cause === undefined ? {} : { cause }),
  });
}

async function create(path: string): Promise<string | undefined> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, createNew: true, mode: 0o600 });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return undefined;
    throw unusable(path, "it cannot be created", error);
  }
  try {
    await file.write(new TextEncoder().encode(key + "\n"));
    if (Deno.build.os !== "windows") await Deno.chmod(path, 0o600);
  } finally {
    file.close();
  }
  return key;
}

async function read(path: string): Promise<string> {
  const info = await Deno.stat(path).catch((e) => {
    throw unusable(path, "it cannot be read", e);
  });
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
    throw unusable(path, `other users may read it (mode ${mode}, expected 600)`);
  }
  const key = (await Deno.readTextFile(path)).trim();
  if (!/^[\x21-\x7e]{16,}$/.test(key)) {
    throw unusable(path, "it does not hold a key (16 or more printable characters, no spaces)");
  }
  return key;
}

/**
 * The API key in `<dir>/<name>` (`api-key`, or `read-api-key` for the read-only key): made (32 random bytes in hex, the file mode 0600, the directory
 * created 0700 when missing) on the first call, read on later ones. A key file other users may
 * read is refused: the key would no longer be secret.
 *
 * @throws {NopeaError} `SPEC_INVALID` when the file cannot be made or read, holds no key, or is
 * readable by group or others
 * @example
 * ```ts
 * import { loadOrCreateApiKey } from "./api_key_file.ts";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const first = await loadOrCreateApiKey(dir);
 * const again = await loadOrCreateApiKey(dir);
 * equal(first.created && !again.created && first.key === again.key, true);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadOrCreateApiKey(
  dir: string,
  name: string = API_KEY_FILE,
): Promise<ApiKeyFile> {
  const path = join(dir, name);
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw unusable(path, "its directory cannot be created", error);
  }
  const made = await create(path);
  if (made !== undefined) return { key: made, path, created: true };
  return { key: await read(path), path, created: false };
}
