/** GitPort: what `nopea watch` needs from git (isomorphic-git in `git_repo.ts`). */
import type { ManifestSource } from "../manifests/mod.ts";
import type { GitLocation } from "./types.ts";

/** Reads a branch's tip and the manifest files of a commit. */
export interface GitPort {
  /**
   * The commit at the tip of the branch; a remote is fetched first (shallow, one branch).
   *
   * @throws {NopeaError} `GIT_FAILED` naming the repository (never its credentials)
   */
  head(location: GitLocation): Promise<string>;
  /**
   * The `.yaml`, `.yml` and `.json` files under `path` at `commit`, in path order, each named
   * by its path in the repository. Nothing is returned unless every file was read.
   *
   * @throws {NopeaError} `GIT_FAILED` when the path does not exist at that commit
   */
  files(location: GitLocation, commit: string, path: string): Promise<ManifestSource[]>;
}

/** The repository as messages may show it: a URL without user name, password or token. */
export function displayRepo(repo: string): string {
  try {
    const url = new URL(repo);
    if (!url.username && !url.password) return repo;
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return repo;
  }
}

/** Whether `repo` is a remote URL (else a local path). */
export function isRemote(repo: string): boolean {
  return /^https?:\/\//i.test(repo);
}
