/** What `nopea watch` follows (a git source) and what it says about it (the source's status). */
import type { Strategy } from "../deploys/mod.ts";
import type { HealPolicy } from "../engine/mod.ts";

/** Credentials for a git remote: a token, or a user name and password. Never logged. */
export interface GitAuth {
  /** A token (GitHub, GitLab): sent as the password of HTTP basic auth. */
  token?: string;
  /** The user name. @default "x-access-token" with a token */
  username?: string;
  /** The password, without a token. */
  password?: string;
}

/** Where a source's commits come from. */
export interface GitLocation {
  /** An `http(s)://` URL, or the path of a local repository (read in place). */
  repo: string;
  /** The branch followed. */
  branch: string;
  /** Credentials for an HTTP remote. */
  auth?: GitAuth;
}

/** Deploy settings of a source's deploys (the rest is memory's choice, as for any deploy). */
export interface SourceDeploySettings {
  /** An explicit strategy; memory decides when absent. */
  strategy?: Strategy;
  /** How long a deploy may take to become ready. */
  timeoutMs?: number;
  /** Delete what the last deploy applied and the commit no longer holds. @default true */
  prune?: boolean;
  /** Roll back by itself when a deploy fails. */
  atomic?: boolean;
  /** Create the target namespace when the manifests do not hold it. */
  createNamespace?: boolean;
  /** Take back fields someone else's field manager took (git wins). @default true */
  forceConflicts?: boolean;
}

/** One git source: a repository's branch and folder, deployed as one service. */
export interface WatchSource extends GitLocation {
  /** The source's name: the webhook path `/webhook/<name>` and the status key. */
  name: string;
  /** The folder of manifests inside the repository ("" for its root). */
  path: string;
  /** The service deployed. */
  service: string;
  /** The target namespace. @default the engine's default namespace */
  namespace?: string;
  /** Time between two polls (and drift checks). */
  intervalMs: number;
  /** What to do about drift: `auto` heals, `manual` and `notify` only report. @default "auto" */
  healPolicy?: HealPolicy;
  /** Leave drift younger than this alone. @default 0 */
  healGraceMs?: number;
  /** Stop syncing and healing (the GitRepository's `spec.suspend`). */
  suspend?: boolean;
  /** Secret of push webhooks (GitHub HMAC, GitLab token). */
  webhookSecret?: string;
  /** Where the `notify` policy POSTs drift (else the watcher's `notifyUrl`). */
  notifyUrl?: string;
  /** Deploy settings. */
  deploy?: SourceDeploySettings;
  /** The GitRepository object the source comes from (its status is written there). */
  origin?: { namespace: string; name: string };
}

/** Where a source stands, as the GitRepository `status.phase` says it. */
export type SourcePhase = "Pending" | "Syncing" | "Synced" | "Failed" | "Suspended";

/** One status condition (Kubernetes style). */
export interface SourceCondition {
  /** `Ready` (the last sync), `Drifted` (the last drift check). */
  type: "Ready" | "Drifted";
  /** Whether the condition holds. */
  status: "True" | "False";
  /** A CamelCase reason: `Synced`, `GitFailed`, `ManifestsInvalid`, `DeployFailed`, … */
  reason: string;
  /** A sentence naming the source, the commit and the file when there is one. */
  message: string;
  /** When the condition last changed (ISO 8601). */
  lastTransitionTime: string;
}

/** What `nopea watch` knows about one source. */
export interface SourceStatus {
  /** The source's name. */
  name: string;
  /** The service it deploys. */
  service: string;
  /** Where it stands. */
  phase: SourcePhase;
  /** The last commit deployed (or found already deployed). */
  lastSyncedCommit?: string;
  /** When it was last synced (ISO 8601). */
  lastSyncTime?: string;
  /** The deploy of the last sync. */
  lastDeployId?: string;
  /** Failures in a row (for backoff); 0 after a sync. */
  failures: number;
  /** When the next poll is due (ms since the epoch). */
  nextPollAt: number;
  /** `Ready` (the last sync) and `Drifted` (the last drift check). */
  conditions: SourceCondition[];
}
