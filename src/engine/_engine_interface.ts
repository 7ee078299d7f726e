/** The Engine interface: Nopea's operations as the library, the CLI, MCP and HTTP call them. */
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import type { UnlockResult } from "../lock/mod.ts";
import type { DeployContext, Explanation, Memory, ServiceSummary } from "../memory/mod.ts";
import type { DiffResult } from "./diff_operation.ts";
import type { DriftReport } from "./drift_operation.ts";
import type { HealReport } from "./heal_operation.ts";
import type {
  DeleteRequest,
  DriftRequest,
  HealRequest,
  HistoryQuery,
  RollbackRequest,
  ServiceQuery,
  UnlockRequest,
} from "./requests.ts";
import type { SuspendRequest, SyncSuspension } from "./suspend_operation.ts";
import type { HealthReport, ServiceStatus } from "./status_operation.ts";
import type { DeployOptions, DeploySpec, PromoteTarget } from "./types.ts";

/** Nopea's operations, used by the library, the CLI, MCP and HTTP through one catalogue. */
export interface Engine {
  /** Deploys manifests as a service; a failed deploy is a result, not an exception. */
  deploy(spec: DeploySpec, options?: DeployOptions): Promise<DeployResult>;
  /** What a deploy would change (server-side dry run). */
  diff(spec: DeploySpec): Promise<DiffResult>;
  /** What memory knows about a service before deploying it. */
  context(query: ServiceQuery): Promise<DeployContext>;
  /** Memory's knowledge of a service in sentences. */
  explain(query: ServiceQuery): Promise<Explanation>;
  /** Past deploys of a service, newest first. */
  history(query: HistoryQuery): Promise<DeployRecord[]>;
  /** Every service memory knows. */
  services(): Promise<ServiceSummary[]>;
  /** The last deploy of a service and the live readiness of its objects. */
  status(query: ServiceQuery): Promise<ServiceStatus>;
  /** Whether Nopea can work: cluster reachable, memory readable, deploys running. */
  health(): Promise<HealthReport>;
  /** Promotes a progressive deploy waiting for promotion and follows it to its next stop. */
  promote(target: PromoteTarget, options?: DeployOptions): Promise<DeployResult>;
  /** Rolls a service back to its last good deploy, or to `request.to`. */
  rollback(request: RollbackRequest, options?: DeployOptions): Promise<DeployResult>;
  /** Drift of a service: last applied (memory) vs desired (manifests, or last applied) vs live. */
  drift(request: DriftRequest): Promise<DriftReport>;
  /** Re-applies what drifted in the cluster from the last deploy's manifests, per policy. */
  heal(request: HealRequest, options?: DeployOptions): Promise<HealReport>;
  /**
   * Removes the deploy lock (Lease `nopea-<service>`) of a service; a fresh one only with
   * `force`, else `DEPLOY_IN_PROGRESS` naming who holds it.
   */
  unlock(request: UnlockRequest): Promise<UnlockResult>;
  /**
   * Deletes the objects Nopea last applied of a service (reverse order; Namespaces and CRDs
   * only when asked), waits until they are gone and records it; memory keeps the history.
   */
  delete(request: DeleteRequest, options?: DeployOptions): Promise<DeployResult>;
  /** The memory, for stats, export, import and prune. */
  readonly memory: Memory;
  /** Suspends syncing of a service by `nopea watch` (every watch process sees it). */
  suspend(request: SuspendRequest): Promise<SyncSuspension>;
  /** Resumes syncing of a service by `nopea watch`. */
  resume(request: SuspendRequest): Promise<SyncSuspension>;
  /** Whether syncing of a service by `nopea watch` is suspended. */
  suspension(request: SuspendRequest): Promise<SyncSuspension>;
  /**
   * Completes the record of a service's progressing canary or blue-green once KULTA finished
   * its Rollout (the background monitor of `nopea watch`); `undefined` while it is under way.
   */
  follow(query: ServiceQuery): Promise<DeployResult | undefined>;
}
