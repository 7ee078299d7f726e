/**
 * The git adapter: isomorphic-git, with no `git` binary. A local repository is read in place; a
 * remote is fetched (shallow, one branch, over HTTP) into a cache folder, never checked out.
 */
import git from "isomorphic-git";
import http from "isomorphic-git/http/web";
import fs from "node:fs";
import { join } from "node:path";
import type { ManifestSource } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { displayRepo, type GitPort, isRemote } from "./git_port.ts";
import type { GitAuth, GitLocation } from "./types.ts";

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function gitFailed(location: GitLocation, what: string, error: unknown, hint: string): NopeaError {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new NopeaError(
    "GIT_FAILED",
    `Cannot ${what} of branch "${location.branch}" of ${displayRepo(location.repo)}: ${reason}`,
    { hint, cause: error },
  );
}

/** The git directory of a local repository: `<path>/.git`, or the path itself when bare. */
function localGitdir(repo: string): string {
  const dotGit = join(repo, ".git");
  return fs.existsSync(dotGit) ? dotGit : repo;
}

function onAuth(auth: GitAuth | undefined) {
  if (!auth) return undefined;
  const username = auth.username ?? (auth.token ? "x-access-token" : "");
  const password = auth.token ?? auth.password ?? "";
  return () => ({ username, password });
}

/** A shallow fetch of one branch into the cache; returns the fetched commit. */
async function fetchRemote(location: GitLocation, gitdir: string): Promise<string> {
  if (!fs.existsSync(join(gitdir, "config"))) await git.init({ fs, gitdir, bare: true });
  await git.addRemote({ fs, gitdir, remote: "origin", url: location.repo, force: true });
  const auth = onAuth(location.auth);
  const fetched = await git.fetch({
    fs,
    http,
    gitdir,
    remote: "origin",
    ref: location.branch,
    singleBranch: true,
    depth: 1,
    tags: false,
    ...(auth ? { onAuth: auth, onAuthFailure: () => ({ cancel: true }) } : {}),
  });
  if (!fetched.fetchHead) throw new Error(`the remote has no branch "${location.branch}"`);
  return fetched.fetchHead;
}

/** A cache folder name for a remote URL (its host and path, without credentials). */
function cacheName(repo: string): string {
  return displayRepo(repo).replace(/^https?:\/\//i, "").replace(/[^A-Za-z0-9._-]+/g, "_");
}

/**
 * A {@linkcode GitPort} over isomorphic-git; remotes are cached under `cacheDir`.
 *
 * @example
 * ```ts
 * import { isomorphicGit } from "./git_repo.ts";
 * const git = isomorphicGit({ cacheDir: ".nopea/git" });
 * ```
 */
export function isomorphicGit(options: { cacheDir: string }): GitPort {
  const gitdirOf = (l: GitLocation) =>
    isRemote(l.repo) ? join(options.cacheDir, cacheName(l.repo)) : localGitdir(l.repo);
  // Sources sharing a remote share its cache: their fetches run one at a time.
  const fetches = new Map<string, Promise<unknown>>();
  const fetchOne = (location: GitLocation, gitdir: string): Promise<string> => {
    const run = () => fetchRemote(location, gitdir);
    const fetched = (fetches.get(gitdir) ?? Promise.resolve()).then(run, run);
    fetches.set(gitdir, fetched.catch(() => undefined));
    return fetched;
  };
  return {
    async head(location) {
      const gitdir = gitdirOf(location);
      try {
        if (isRemote(location.repo)) return await fetchOne(location, gitdir);
        return await git.resolveRef({ fs, gitdir, ref: `refs/heads/${location.branch}` });
      } catch (error) {
        throw gitFailed(
          location,
          "read the tip",
          error,
          "Check the URL or path, the branch, and the credentials (NOPEA_GIT_TOKEN)",
        );
      }
    },
    async files(location, commit, path) {
      const gitdir = gitdirOf(location);
      const root = path.replace(/^\.?\/+|\/+$/g, "");
      try {
        return await readFolder(gitdir, commit, root);
      } catch (error) {
        throw gitFailed(
          location,
          `read the folder "${root || "/"}" at commit ${commit.slice(0, 7)}`,
          error,
          "Check --path (the GitRepository's spec.path): it must be a folder of the repository",
        );
      }
    },
  };
}

/** Every manifest file under `folder` at `commit`, read before any is returned. */
async function readFolder(
  gitdir: string,
  commit: string,
  folder: string,
): Promise<ManifestSource[]> {
  const out: ManifestSource[] = [];
  const walk = async (dir: string): Promise<void> => {
    const { tree } = await git.readTree({
      fs,
      gitdir,
      oid: commit,
      ...(dir ? { filepath: dir } : {}),
    });
    for (const entry of tree) {
      const path = dir ? `${dir}/${entry.path}` : entry.path;
      if (entry.type === "tree") await walk(path);
      else if (entry.type === "blob" && MANIFEST_FILE.test(entry.path)) {
        const { blob } = await git.readBlob({ fs, gitdir, oid: entry.oid });
        out.push({ name: path, text: new TextDecoder().decode(blob) });
      }
    }
  };
  await walk(folder);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
