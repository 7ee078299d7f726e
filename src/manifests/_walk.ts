// The directory walk of loadManifestFiles, over an injected file system: manifest files sorted by
// path, dot-entries skipped, symbolic links followed only while they stay inside the root.
import { isAbsolute, join, relative, sep } from "node:path";
import { NopeaError } from "../shared/mod.ts";

/** The little of the file system the walk needs (file_source.ts passes Deno's). */
export interface WalkFs {
  /** The canonical path; rejects when the path (or a link's target) does not exist. */
  realPath(path: string): Promise<string>;
  readDir(
    path: string,
  ): AsyncIterable<{ name: string; isSymlink: boolean; isFile: boolean; isDirectory: boolean }>;
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean }>;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

interface Walk {
  readonly fs: WalkFs;
  readonly root: string;
  readonly visited: Set<string>;
  readonly files: string[];
  readonly refused: string[];
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

async function visit(walk: Walk, dir: string, real: string): Promise<void> {
  if (walk.visited.has(real)) return;
  walk.visited.add(real);
  const entries = [];
  for await (const entry of walk.fs.readDir(dir)) {
    if (!entry.name.startsWith(".")) entries.push(entry);
  }
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const path = join(dir, entry.name);
    let info: { isFile: boolean; isDirectory: boolean } = entry;
    let target = join(real, entry.name);
    if (entry.isSymlink) {
      const resolved = await walk.fs.realPath(path).catch(() => undefined);
      if (resolved === undefined) {
        if (MANIFEST_FILE.test(entry.name)) {
          walk.refused.push(`"${path}" is a broken symbolic link`);
        }
        continue;
      }
      if (!inside(walk.root, resolved)) {
        walk.refused.push(`"${path}" is a symbolic link to "${resolved}", outside the directory`);
        continue;
      }
      [info, target] = [await walk.fs.stat(path), resolved];
    }
    if (info.isDirectory) await visit(walk, path, target);
    else if (info.isFile && MANIFEST_FILE.test(entry.name)) walk.files.push(path);
  }
}

/**
 * Manifest files (`*.yaml`, `*.yml`, `*.json`) under `dir`, recursively and sorted. Symbolic links
 * are followed while their target stays inside `dir` (kubectl follows none); a link that leaves
 * it, or a broken link to a manifest file, refuses the whole directory with a `MANIFEST_INVALID`.
 */
export async function walkManifests(dir: string, fs: WalkFs): Promise<string[]> {
  const root = await fs.realPath(dir);
  const walk: Walk = { fs, root, visited: new Set(), files: [], refused: [] };
  await visit(walk, dir, root);
  if (walk.refused.length > 0) {
    const message = `Cannot load manifests from "${dir}": ${walk.refused.join("; ")}`;
    throw new NopeaError("MANIFEST_INVALID", message, {
      hint:
        `Nopea follows symbolic links only within the directory given, so that nothing outside ` +
        `"${dir}" is deployed by accident: pass the target as its own path (-f), or replace the ` +
        "link with a copy",
      details: { directory: dir, links: walk.refused },
    });
  }
  return walk.files.sort();
}
