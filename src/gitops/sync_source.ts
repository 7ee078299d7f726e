/**
 * syncSource: one sync of one source. The branch's tip is read (fetched); a commit not yet
 * deployed is read whole, validated whole and deployed through the engine, memory choosing the
 * strategy. Nothing of a commit that does not validate is applied.
 */
import { type DeployResult, type DeployTrigger, isInfrastructureFault } from "../deploys/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { manifestsOf, messageOf, short } from "./commit_manifests.ts";
import { displayRepo } from "./git_port.ts";
import { markFailed, markPhase, markSynced } from "./source_status.ts";
import { recoverSource, type SourceState, type SyncDeps, type SyncOutcome } from "./sync_state.ts";
import type { WatchSource } from "./types.ts";

/** Deploys validated objects of `commit` through the engine (memory picks the strategy). */
function deployCommit(
  deps: SyncDeps,
  state: SourceState,
  objects: KubeObject[],
  commit: string,
  run: { trigger: DeployTrigger; signal?: AbortSignal },
): Promise<DeployResult> {
  const { source } = state;
  const previous = state.status.lastSyncedCommit;
  return deps.engine.deploy({
    service: source.service,
    ...(source.namespace ? { namespace: source.namespace } : {}),
    manifests: objects,
    forceConflicts: true,
    ...source.deploy,
    trigger: run.trigger,
    source: {
      name: source.name,
      repo: displayRepo(source.repo),
      branch: source.branch,
      commit,
      ...(previous && previous !== commit ? { previous } : {}),
    },
  }, run.signal ? { signal: run.signal } : {});
}

function failed(
  deps: SyncDeps,
  state: SourceState,
  reason: string,
  message: string,
  commit?: string,
): SyncOutcome {
  markFailed(state.status, state.source, { reason, message }, deps.clock.now());
  deps.log.log("error", message, {
    source: state.source.name,
    reason,
    ...(commit ? { commit } : {}),
  });
  return { kind: "failed", reason, message, ...(commit ? { commit } : {}) };
}

/** Whether `nopea suspend <service>` suspended the source's service. */
async function suspendedByCommand(deps: SyncDeps, source: WatchSource): Promise<boolean> {
  const query = { service: source.service, namespace: source.namespace };
  return (await deps.engine.suspension(query)).suspended;
}

/** Records how the deploy of `commit` ended on the status. */
function deployed(
  deps: SyncDeps,
  state: SourceState,
  commit: string,
  result: DeployResult,
): SyncOutcome {
  const { source, status } = state;
  // A deploy that failed for the service's own reasons is not retried until the next commit;
  // an infrastructure fault, a refusal (the lock of another deploy) or an interruption is.
  const retry = result.error !== undefined &&
    (isInfrastructureFault(result.error) || result.status === "refused" ||
      result.error.code === "DEPLOY_INTERRUPTED");
  if (!retry) state.attempted = commit;
  const what = `Source "${source.name}" commit ${
    short(commit)
  }: deploy ${result.deployId} ${result.status}`;
  if (result.status === "completed" || result.status === "progressing") {
    const message = `${what} (${result.strategy})`;
    markSynced(
      status,
      source,
      { commit, reason: "Synced", message, deployId: result.deployId },
      deps.clock.now(),
    );
    deps.log.log("info", message, { source: source.name, commit, deployId: result.deployId });
    return { kind: "deployed", commit, result };
  }
  const error = result.error ? `: ${result.error.code}: ${result.error.message}` : "";
  status.lastDeployId = result.deployId;
  failed(deps, state, "DeployFailed", `${what}${error}`, commit);
  return { kind: "deployed", commit, result };
}

/**
 * Syncs one source: reads the branch's tip and deploys it unless it was deployed already (a
 * failed deploy of a commit is not retried until a new commit, or a manual sync). Every fault
 * becomes the status's `Ready=False` condition with a reason, and a log line; none is thrown.
 */
export async function syncSource(
  deps: SyncDeps,
  state: SourceState,
  run: { trigger: DeployTrigger; signal?: AbortSignal },
): Promise<SyncOutcome> {
  const { source, status } = state;
  if (run.signal?.aborted) return { kind: "stopped" };
  let commit: string;
  try {
    if (source.suspend || await suspendedByCommand(deps, source)) {
      markPhase(status, "Suspended");
      status.nextPollAt = deps.clock.now() + source.intervalMs;
      return { kind: "suspended" };
    }
    await recoverSource(deps, state);
    commit = await deps.git.head(source);
  } catch (error) {
    const reason = isNopeaError(error) && error.code === "GIT_FAILED" ? "GitFailed" : "SyncError";
    return failed(deps, state, reason, `Source "${source.name}": ${messageOf(error)}`);
  }
  const again = run.trigger === "manual" && status.phase === "Failed";
  if ((commit === status.lastSyncedCommit || commit === state.attempted) && !again) {
    if (commit === status.lastSyncedCommit) {
      const message = `Source "${source.name}" is at commit ${short(commit)}`;
      markSynced(status, source, { commit, reason: "Synced", message }, deps.clock.now());
    } else status.nextPollAt = deps.clock.now() + source.intervalMs;
    return { kind: "unchanged", commit };
  }
  const loaded = await manifestsOf(deps.git, source, commit);
  if (!("objects" in loaded)) {
    state.attempted = commit;
    return failed(deps, state, loaded.reason, loaded.message, commit);
  }
  if (run.signal?.aborted) return { kind: "stopped" };
  markPhase(status, "Syncing");
  try {
    return deployed(
      deps,
      state,
      commit,
      await deployCommit(deps, state, loaded.objects, commit, run),
    );
  } catch (error) {
    const message = `Source "${source.name}" commit ${short(commit)}: ${messageOf(error)}`;
    return failed(deps, state, "DeployError", message, commit);
  }
}
