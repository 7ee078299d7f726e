/** The manifests of a commit: read whole from git, validated whole, or why not. */
import { checkManifestSources, type KubeObject } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import type { GitPort } from "./git_port.ts";
import type { WatchSource } from "./types.ts";

/** The first 7 digits of a commit, as messages show it. */
export const short = (commit: string): string => commit.slice(0, 7);

/** The message of any error. */
export const messageOf = (e: unknown): string =>
  isNopeaError(e) || e instanceof Error ? e.message : String(e);

/** The objects of a commit, or the reason and message of why there are none to deploy. */
export type CommitManifests = { objects: KubeObject[] } | { reason: string; message: string };

/** The manifests of `commit`, validated; a failure names the source, the commit and the file. */
export async function manifestsOf(
  git: GitPort,
  source: WatchSource,
  commit: string,
): Promise<CommitManifests> {
  const where = `Source "${source.name}" commit ${short(commit)}`;
  let files;
  try {
    files = await git.files(source, commit, source.path);
  } catch (error) {
    return { reason: "GitFailed", message: `${where}: ${messageOf(error)}` };
  }
  if (files.length === 0) {
    const path = source.path || "/";
    return {
      reason: "ManifestsInvalid",
      message: `${where}: no .yaml, .yml or .json file under "${path}"`,
    };
  }
  try {
    const opts = source.namespace ? { namespace: source.namespace } : {};
    const loaded = await checkManifestSources(files, opts);
    return { objects: loaded.objects.map((o): KubeObject => o.object) };
  } catch (error) {
    return { reason: "ManifestsInvalid", message: `${where}: ${messageOf(error)}` };
  }
}
