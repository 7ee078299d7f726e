/** loadManifestFiles: the file-system adapter of manifests/ (files, directories, stdin). */
import { join } from "node:path";
import { NopeaError } from "../shared/mod.ts";
import { loadManifestSources, type ManifestSource } from "./load.ts";
import type { LoadedManifests } from "./validate.ts";

/** Options of {@linkcode loadManifestFiles}. */
export interface LoadManifestFilesOptions {
  /** Reads all of standard input, for the path `-`. @default reads `Deno.stdin` */
  stdin?: () => Promise<string>;
  /** The namespace given explicitly (`--namespace`); objects naming another one are errors. */
  namespace?: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;
const STDIN_NAME = "<stdin>";

function readStdin(): Promise<string> {
  return new Response(Deno.stdin.readable).text();
}

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

/** Manifest files under `dir`, recursively; dot-files and dot-directories (`.git`, `.nopea`) are skipped. */
async function walk(dir: string, visited: Set<string>, out: string[]): Promise<void> {
  const real = await Deno.realPath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    const info = entry.isSymlink ? await statOrUndefined(path) : entry;
    if (info?.isDirectory) await walk(path, visited, out);
    else if (info?.isFile && MANIFEST_FILE.test(entry.name)) out.push(path);
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
      const found: string[] = [];
      await walk(path, new Set(), found);
      files.push(...found.sort());
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

async function readSource(path: string, stdin: () => Promise<string>): Promise<ManifestSource> {
  if (path === "-") return { name: STDIN_NAME, text: await stdin() };
  try {
    return { name: path, text: await Deno.readTextFile(path) };
  } catch (e) {
    throw new NopeaError("MANIFEST_INVALID", `Cannot read manifest "${path}": ${String(e)}`, {
      hint: "Check that the file exists and is readable",
      cause: e,
    });
  }
}

/**
 * Loads manifests from files, directories (recursively: `*.yaml`, `*.yml` and `*.json`, sorted by
 * path) and standard input (`-`), then parses and validates them as one set.
 *
 * @param paths Files, directories, or `-`; in the order the user gave them.
 * @param options Where standard input comes from, and the explicit namespace.
 * @returns The objects in load order with their locations, and warnings.
 * @throws {NopeaError} `MANIFEST_INVALID` for a missing path or when no objects were found;
 * `MANIFEST_PARSE` / `MANIFEST_INVALID` ({@linkcode ManifestError}s) for invalid documents.
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
  let stdinText: Promise<string> | undefined;
  const stdin = () => (stdinText ??= (options.stdin ?? readStdin)());
  const sources = await Promise.all(files.map((file) => readSource(file, stdin)));
  const loaded = loadManifestSources(
    sources,
    options.namespace === undefined ? {} : { namespace: options.namespace },
  );
  if (loaded.objects.length === 0) {
    const list = paths.length === 0 ? "no paths" : paths.map((p) => `"${p}"`).join(", ");
    throw new NopeaError("MANIFEST_INVALID", `Cannot load manifests: no objects found in ${list}`, {
      hint: "Pass files or directories that contain Kubernetes objects in *.yaml, *.yml or " +
        "*.json files (or pipe them to -)",
    });
  }
  return loaded;
}
