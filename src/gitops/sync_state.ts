/** The state of one watched source between syncs, and what a sync needs and returns. */
import { type DeployResult, isServiceFailure } from "../deploys/mod.ts";
import type { Engine } from "../engine/mod.ts";
import type { Clock, Logger } from "../shared/mod.ts";
import { displayRepo, type GitPort } from "./git_port.ts";
import type { SourceStatus, WatchSource } from "./types.ts";

/** What a sync needs. */
export interface SyncDeps {
  /** The engine deploys go through. */
  engine: Engine;
  /** Where commits are read. */
  git: GitPort;
  /** Time of statuses and backoff. */
  clock: Clock;
  /** Where what happened is logged (never credentials). */
  log: Logger;
}

/** How one sync ended (`stopped`: the loop stopped before its deploy began, nothing was applied). */
export type SyncOutcome =
  | { kind: "suspended" }
  | { kind: "stopped" }
  | { kind: "unchanged"; commit: string }
  | { kind: "deployed"; commit: string; result: DeployResult }
  | { kind: "failed"; reason: string; message: string; commit?: string };

/** A source and what `nopea watch` knows of it; `attempted` is the last commit deployed. */
export interface SourceState {
  /** The source's settings. */
  source: WatchSource;
  /** Where it stands. */
  status: SourceStatus;
  /** The last commit whose deploy was tried (not tried again until the next commit). */
  attempted?: string;
  /** Whether memory was asked for the source's last synced commit (after a restart). */
  recovered?: boolean;
}

/**
 * After a restart: the last commit memory recorded as deployed from this source (a commit whose
 * deploy failed for the service's own reasons is not tried again until the next commit).
 */
export async function recoverSource(deps: SyncDeps, state: SourceState): Promise<void> {
  if (state.recovered) return;
  const { source, status } = state;
  const history = await deps.engine.history({ service: source.service, limit: 50 });
  const last = history.find((r) =>
    r.source?.name === source.name && r.source.repo === displayRepo(source.repo) &&
    r.source.branch === source.branch
  );
  state.recovered = true;
  if (!last?.source || status.lastSyncedCommit) return;
  if (last.status === "completed" || last.status === "progressing") {
    status.lastSyncedCommit = last.source.commit;
    status.lastSyncTime = last.finishedAt;
    status.lastDeployId = last.deployId;
  } else if (isServiceFailure(last)) state.attempted = last.source.commit;
}
