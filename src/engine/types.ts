/** The engine's public types: deploy spec, result, options and dependencies (DESIGN §1). */
import type { ClusterPort } from "../kube/mod.ts";
import type { Memory } from "../memory/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { Clock, ErrorBody, IdSource, Logger } from "../shared/mod.ts";
import type { PodProblem } from "../readiness/mod.ts";

/** How a deploy rolls out. */
export type Strategy = "direct" | "canary" | "blue_green";

/** What the caller asks for. */
export interface DeploySpec {
  /** The service: a DNS-1123 label. */
  service: string;
  /** Target namespace for namespaced objects that name none. @default kubeconfig context's, else "default" */
  namespace?: string;
  manifests: readonly KubeObject[];
  /** Explicit strategy; memory decides when absent. */
  strategy?: Strategy;
  /** Caller wants instant cutover (blue-green) when memory advises a safer strategy. */
  instantCutover?: boolean;
  /** @default 300_000 (5 minutes) */
  timeoutMs?: number;
  /** Server-side dry run: nothing is persisted, memory is not touched. */
  dryRun?: boolean;
  /** Take ownership of fields owned by other field managers. */
  forceConflicts?: boolean;
  /** Take over objects that another tool manages. */
  adopt?: boolean;
  /** Extra labels put on every object. */
  labels?: Readonly<Record<string, string>>;
  /** Where each object came from (file, document, line), parallel to `manifests`, for messages. */
  sources?: readonly (string | undefined)[];
}

/** What happened to one object. */
export type ResourceAction = "created" | "configured" | "unchanged" | "failed" | "skipped";

/** The outcome for one object. */
export interface ResourceOutcome {
  key: string;
  resource: ResourceKey;
  action: ResourceAction;
  /** Readiness at the end: ready, progressing, failed, timeout, or not waited for. */
  readiness?: "ready" | "progressing" | "failed" | "timeout";
  message?: string;
  problems?: PodProblem[];
  error?: ErrorBody;
}

/** A field the server changed after Nopea set it. */
export interface DriftEntry {
  resource: string;
  path: string;
  sent: unknown;
  stored: unknown;
}

/** Terminal (or progressing) status of a deploy. */
export type DeployStatus = "completed" | "failed" | "rolledback" | "progressing";

/** The result of a deploy: a value, never an exception. */
export interface DeployResult {
  deployId: string;
  service: string;
  namespace: string;
  strategy: Strategy;
  strategyReasons: string[];
  status: DeployStatus;
  dryRun: boolean;
  resources: ResourceOutcome[];
  verified: boolean;
  drift: DriftEntry[];
  startedAt: string;
  durationMs: number;
  error?: ErrorBody & { resource?: string; errorClass?: string };
  warnings: string[];
}

/** Tunables of the engine. */
export interface EngineOptions {
  /** Failure-pattern confidence above which memory picks canary. @default 0.15 */
  canaryThreshold?: number;
  /** How long a blocking pod problem is tolerated before the deploy fails. @default 60_000 */
  podProblemToleranceMs?: number;
  /** Default deploy timeout. @default 300_000 */
  timeoutMs?: number;
  /** Requests in flight while applying one order group. @default 8 */
  applyConcurrency?: number;
  /** Namespace used when neither the spec nor the manifest names one. @default "default" */
  defaultNamespace?: string;
}

/** Live progress, for the CLI's progress view. */
export type DeployEvent =
  | { type: "planned"; strategy: Strategy; reasons: string[]; total: number }
  | { type: "applied"; outcome: ResourceOutcome }
  | {
    type: "waiting";
    resources: readonly { key: string; state: string; message: string }[];
    elapsedMs: number;
  }
  | { type: "verified"; drift: number };

/** Per-call options of `engine.deploy`. */
export interface DeployOptions {
  onEvent?: (event: DeployEvent) => void;
  signal?: AbortSignal;
}

/** The ports the engine is built from (STYLE R4). */
export interface EngineDeps {
  cluster: ClusterPort;
  /** What Nopea remembers; see `createMemory`. */
  memory: Memory;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  /** Waits `ms` milliseconds; tests pass one that advances a manual clock. */
  sleep: (ms: number) => Promise<void>;
}
