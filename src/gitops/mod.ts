/**
 * @module
 * GitOps: `nopea watch` keeps services in sync with git. A source (a repository's branch and
 * folder, deployed as one service) is polled, or pushed to by a webhook; each new commit is
 * read whole through isomorphic-git, validated whole and deployed through the engine, memory
 * choosing the strategy, and the record carries the trigger and the commit. Between commits
 * the loop checks drift and heals it per policy (`notify` POSTs it to a URL, with retries).
 */
export { displayRepo, type GitPort, isRemote } from "./git_port.ts";
export { isomorphicGit } from "./git_repo.ts";
export { type ReconcileDeps, reconcileSource } from "./reconcile.ts";
export { initialStatus } from "./source_status.ts";
export { followRollouts } from "./rollout_follower.ts";
export { incidentEvent, incidentNotifier, type SourceIncident } from "./incident_events.ts";
export {
  GIT_REPOSITORY,
  gitRepositoryKey,
  repositoryStatus,
  sourceFromGitRepository,
} from "./git_repository.ts";
export {
  type RepositoryController,
  type RepositoryControllerDeps,
  startRepositoryController,
  writeRepositoryStatus,
} from "./repository_controller.ts";
export { type SourceInput, watchSourceOf } from "./source_spec.ts";
export { syncSource } from "./sync_source.ts";
export { recoverSource, type SourceState, type SyncDeps, type SyncOutcome } from "./sync_state.ts";
export { type CommitManifests, manifestsOf } from "./commit_manifests.ts";
export { checkNotifyUrl, type DriftNotice, driftNotice } from "./drift_notice.ts";
export {
  type DriftNotifier,
  httpDriftNotifier,
  type HttpDriftNotifierOptions,
} from "./drift_notifier.ts";
export type {
  GitAuth,
  GitLocation,
  SourceCondition,
  SourceDeploySettings,
  SourcePhase,
  SourceStatus,
  WatchSource,
} from "./types.ts";
export { abortableSleep, gitAuthFromEnv, sourceStatusLine } from "./watch_support.ts";
export { createWatchApp, type WatchApp, type WatchAppOptions } from "./watch_app.ts";
export { watchMetrics } from "./watch_metrics.ts";
export { createWatcher } from "./watcher.ts";
export type { Watcher, WatcherDeps } from "./watcher_types.ts";
export { checkWebhook, sameSecret, type WebhookVerdict } from "./webhook.ts";
export {
  answerWebhook,
  type WatchReadiness,
  watchReadiness,
  WEBHOOK_BODY_LIMIT,
  type WebhookAnswer,
  type WebhookOptions,
} from "./webhook_route.ts";
