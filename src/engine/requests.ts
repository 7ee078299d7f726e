/** What callers pass to the engine's operations besides a deploy spec: one object each. */
import type { HealPolicy } from "./_heal_selection.ts";
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployStatus } from "../deploys/mod.ts";

/** A service, and optionally the namespace it was deployed to. */
export interface ServiceQuery {
  /** The service. */
  service: string;
  /** Its namespace. @default the engine's default namespace (the kubeconfig context's) */
  namespace?: string | undefined;
  /** Failure-pattern confidence above which canary is recommended. @default the engine's */
  canaryThreshold?: number | undefined;
}

/** Which deploys of a service `history` lists. */
export interface HistoryQuery {
  /** The service. */
  service: string;
  /** At most this many records, newest first. @default 20 */
  limit?: number | undefined;
  /** Only deploys finished at or after this ISO time. */
  since?: string | undefined;
  /** Only deploys with this status. */
  status?: DeployStatus | undefined;
}

/** What `rollback` rolls back, and to what. */
export interface RollbackRequest {
  /** The service. */
  service: string;
  /** Roll back to this completed deploy. @default the last completed deploy before the current one */
  to?: string | undefined;
  /** Follow a re-applied Rollout to its end. @default true */
  wait?: boolean | undefined;
  /** Its deploys to this namespace only. @default wherever its latest deploy went */
  namespace?: string | undefined;
}

/** What `drift` compares. */
export interface DriftRequest {
  /** The service. */
  service: string;
  /** The manifests as they are now (files); without them, desired = what was last applied. */
  manifests?: readonly KubeObject[] | undefined;
  /** Namespace for manifests that name none. @default the last deploy's namespace */
  namespace?: string | undefined;
}

/** What `heal` heals, and how. */
export interface HealRequest {
  /** The service. */
  service: string;
  /** `auto` re-applies; `manual` and `notify` only report what would be. @default "auto" */
  policy?: HealPolicy | undefined;
  /** Drift younger than this (by the managedFields time of its manager) is left alone. @default 0 */
  graceMs?: number | undefined;
  /** Server-side dry run of the re-apply: nothing changes, nothing is remembered. */
  dryRun?: boolean | undefined;
}

/** Whose deploy lock `unlock` removes. */
export interface UnlockRequest {
  /** The service. */
  service: string;
  /** The namespace of its Lease. @default the engine's default namespace */
  namespace?: string | undefined;
  /** Remove a Lease that is still renewed (a deploy that may still run). */
  force?: boolean | undefined;
}

/** What `delete` removes. */
export interface DeleteRequest {
  /** The service. */
  service: string;
  /** Its deploys to this namespace. @default the namespace of its last deploy */
  namespace?: string | undefined;
  /** Delete the Namespaces it created too (they take everything in them along). */
  includeNamespaces?: boolean | undefined;
  /** Delete its CustomResourceDefinitions too (they take every custom resource along). */
  includeCrds?: boolean | undefined;
  /** Server-side dry run: shows what would be deleted, deletes nothing, records nothing. */
  dryRun?: boolean | undefined;
  /** How long to wait for the objects to go. @default the engine's deploy timeout */
  timeoutMs?: number | undefined;
}
