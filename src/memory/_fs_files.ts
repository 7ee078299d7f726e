/** Atomic file writes (temp, fsync, rename), the content-addressed manifest sets, the writable probe. */
import type { KubeObject } from "../manifests/mod.ts";

const encoder = new TextEncoder();
const HASH = /^[0-9a-f]{64}$/;

/**
 * Writes `text` (or its UTF-8 bytes) to `path` atomically: a temp file beside it, rename; with
 * `sync` (the default) the file is fsynced before and the directory after the rename. Without it
 * a crash may leave an old or empty file, never a mixed one (for the snapshot, which the log can
 * rebuild).
 */
export async function writeFileAtomic(
  path: string,
  text: string | Uint8Array,
  options: { sync?: boolean } = {},
): Promise<void> {
  const sync = options.sync ?? true;
  const tmp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    const bytes = typeof text === "string" ? encoder.encode(text) : text;
    let off = 0;
    while (off < bytes.length) off += await file.write(bytes.subarray(off));
    if (sync) await file.sync();
  } finally {
    file.close();
  }
  try {
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  if (!sync) return;
  const dir = path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || ".";
  const handle = await Deno.open(dir, { read: true }).catch(() => undefined);
  if (handle) {
    await handle.sync().catch(() => {});
    handle.close();
  }
}

/** Reads a file, `undefined` when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/** Path of a manifest set; `undefined` for anything but a SHA-256 hex hash. */
export function manifestPath(dir: string, hash: string): string | undefined {
  return HASH.test(hash) ? `${dir}/manifests/${hash}.json` : undefined;
}

/**
 * Reads a manifest set; `undefined` when it is not stored.
 *
 * @throws {Error} when the file cannot be read or is not a JSON array.
 */
export async function readManifestSet(path: string): Promise<KubeObject[] | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const objects = JSON.parse(text);
  if (!Array.isArray(objects)) throw new TypeError("it is not a JSON array");
  return objects;
}

/**
 * Stores a manifest set, given as the UTF-8 bytes of its JSON text (`JSON.stringify` of the
 * objects, encoded once by the caller), unless it is already there (content-addressed); a stored
 * file of the wrong size (truncated, damaged) is written again.
 */
export async function writeManifestSet(
  dir: string,
  hash: string,
  bytes: Uint8Array,
): Promise<void> {
  const path = manifestPath(dir, hash);
  if (!path) throw new RangeError(`Not a manifest set hash: "${hash}"`);
  const size = await Deno.stat(path).then((s) => s.size, () => -1);
  if (size === bytes.length) return;
  await Deno.mkdir(`${dir}/manifests`, { recursive: true });
  await writeFileAtomic(path, bytes);
}

/** Deletes manifest sets; returns how many were there. */
export async function removeManifestSets(dir: string, hashes: Iterable<string>): Promise<number> {
  let n = 0;
  for (const hash of hashes) {
    const path = manifestPath(dir, hash);
    if (path && await Deno.remove(path).then(() => true, () => false)) n++;
  }
  return n;
}

/** Deletes `<name>.*.tmp` files in `dir` (left by writers killed mid-write); call only under the lock. */
export async function removeTemps(dir: string, name: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.startsWith(`${name}.`) && entry.name.endsWith(".tmp")) {
      await Deno.remove(`${dir}/${entry.name}`).catch(() => {});
    }
  }
}

/**
 * Proves that `dir` takes a new file: creates it (and `dir`), writes 4 KiB, fsyncs and removes
 * it; then opens `log` for appending if it exists. Throws what the file system said.
 */
export async function probeWritable(dir: string, log: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const probe = `${dir}/.probe.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(probe, { write: true, createNew: true });
  try {
    await file.write(new Uint8Array(4096));
    await file.sync();
  } finally {
    file.close();
    await Deno.remove(probe).catch(() => {});
  }
  const existing = await Deno.open(log, { append: true }).catch((e) => {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  });
  existing?.close();
}
