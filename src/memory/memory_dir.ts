/** resolveMemoryDir(): `--memory-dir`, else `NOPEA_MEMORY_DIR`, else `.nopea` in the working directory. */
import { isAbsolute, join } from "node:path";

/** Where the memory directory may come from; the CLI reads flag and environment once and passes them. */
export interface MemoryDirSources {
  /** The `--memory-dir` flag. */
  flag?: string | undefined;
  /** The `NOPEA_MEMORY_DIR` environment variable. */
  env?: string | undefined;
  /** The working directory relative paths are resolved against. */
  cwd: string;
}

/**
 * The memory directory: the flag wins over the environment, which wins over the
 * default `.nopea` in the working directory; relative paths are resolved against
 * `cwd`, and empty values are ignored.
 *
 * @example
 * ```ts
 * import { resolveMemoryDir } from "./memory_dir.ts";
 * import { equal } from "node:assert/strict";
 * equal(resolveMemoryDir({ cwd: "/work" }), "/work/.nopea");
 * equal(resolveMemoryDir({ env: "/var/nopea", cwd: "/work" }), "/var/nopea");
 * equal(resolveMemoryDir({ flag: "mem", env: "/var/nopea", cwd: "/work" }), "/work/mem");
 * ```
 */
export function resolveMemoryDir(sources: MemoryDirSources): string {
  const chosen = [sources.flag, sources.env].find((v) => v !== undefined && v.trim() !== "");
  if (chosen === undefined) return join(sources.cwd, ".nopea");
  return isAbsolute(chosen) ? join(chosen) : join(sources.cwd, chosen);
}
