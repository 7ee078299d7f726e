/** The engine's public types: deploy spec, result, options and dependencies (DESIGN §1). */
import type { DeployTrigger, ResourceOutcome, SourceRevision, Strategy } from "../deploys/mod.ts";
import type { EventSink } from "../events/mod.ts";
import type { ClusterPort } from "../kube/mod.ts";
import type { Memory } from "../memory/mod.ts";
import type { RolloutView } from "../progressive/mod.ts";
import type { KubeObject, LoadedManifests, SchemaCheckCache } from "../manifests/mod.ts";
import type { Clock, IdSource, Logger } from "../shared/mod.ts";
import type { CanaryStep, RolloutAnalysis } from "../strategy/mod.ts";

/** What the caller asks for. */
export interface DeploySpec {
  /** The service: a DNS-1123 label. */
  service: string;
  /** Target namespace for namespaced objects that name none. @default kubeconfig context's, else "default" */
  namespace?: string;
  /**
   * The objects to deploy, or YAML/JSON text of one or more documents (parsed and validated,
   * errors naming document, line and field). Give this or `files`.
   */
  manifests?: readonly KubeObject[] | string;
  /** Files or directories of manifests to deploy (`-` reads stdin). Give this or `manifests`. */
  files?: readonly string[];
  /** Explicit strategy; memory decides when absent. */
  strategy?: Strategy;
  /** Caller wants instant cutover (blue-green) when memory advises a safer strategy. */
  instantCutover?: boolean;
  /** How long the deploy may take to become ready before it fails. @default 300_000 (5 minutes) */
  timeoutMs?: number;
  /** Server-side dry run: nothing is persisted, memory is not touched. */
  dryRun?: boolean;
  /** Take ownership of fields owned by other field managers. */
  forceConflicts?: boolean;
  /** Take over objects that another tool manages. */
  adopt?: boolean;
  /**
   * Delete what the service's last deploy applied and these manifests no longer hold, once the
   * new objects are ready (direct deploys). @default true
   */
  prune?: boolean;
  /**
   * When the deploy fails, roll back to the last completed deploy by itself (Helm's `--atomic`);
   * the result carries that rollback as `rollback`. @default false
   */
  atomic?: boolean;
  /** Create the target namespace as part of the deploy when the manifests do not hold it. */
  createNamespace?: boolean;
  /** Extra labels put on every object. */
  labels?: Readonly<Record<string, string>>;
  /** Canary and blue-green: follow the Rollout; `false` returns `progressing` once applied. @default true */
  wait?: boolean;
  /** Canary steps (weights, optional pauses). @default 10, 25, 50, 100 without pauses */
  canarySteps?: readonly CanaryStep[];
  /** A Gateway API HTTPRoute (same namespace) whose backends KULTA weighs. */
  httpRoute?: string;
  /** KULTA canary analysis: metrics and thresholds. */
  analysis?: RolloutAnalysis;
  /** What started the deploy (`nopea watch`); kept on the record. */
  trigger?: DeployTrigger;
  /** The git revision deployed (`nopea watch`); kept on the record. */
  source?: SourceRevision;
}

/** Tunables of the engine. */
export interface EngineOptions {
  /**
   * Estimated failure rate above which memory picks canary for a known service, 0 to 1.
   * @default 0.2 (DEFAULT_CANARY_THRESHOLD)
   */
  canaryThreshold?: number;
  /** How long a blocking pod problem is tolerated before the deploy fails. @default 60_000 */
  podProblemToleranceMs?: number;
  /** Default deploy timeout. @default 300_000 */
  timeoutMs?: number;
  /** Most objects applied at once (the cluster client adapts below it to the server). @default 64 */
  applyConcurrency?: number;
  /**
   * Namespace used when neither the spec nor the manifest names one; a function is called each
   * time a default is needed (the kubeconfig context's namespace, read lazily). @default "default"
   */
  defaultNamespace?: string | (() => string);
  /** Longest wait between two reads of a KULTA Rollout; reads start 1 s apart. @default 10_000 */
  rolloutPollMs?: number;
  /** How long a Rollout is followed before the deploy fails with a timeout. @default 3_600_000 */
  rolloutMaxMs?: number;
  /**
   * Who takes deploy locks: the holder of a service's Lease is `<lockIdentity>/<deployId>`
   * (the CLI passes `<hostname>/<pid>`). @default "nopea"
   */
  lockIdentity?: string;
  /** How long a deploy lock holds without renewal; renewed every third of it. @default 60_000 */
  lockTtlMs?: number;
}

/** Live progress, for the CLI's progress view. */
export type DeployEvent =
  | { type: "planned"; strategy: Strategy; reasons: string[]; total: number }
  | { type: "applied"; outcome: ResourceOutcome }
  | {
    type: "waiting";
    resources: readonly {
      key: string;
      state: string;
      message: string;
      /** Pod problems seen so far (ImagePullBackOff, CrashLoopBackOff, …), blocking first. */
      problems?: readonly { reason: string; message: string; blocking?: boolean }[];
    }[];
    elapsedMs: number;
  }
  | { type: "verified"; drift: number }
  /** Where a Rollout stands (from KULTA's status). */
  | ({ type: "rollout" } & Omit<RolloutView, "promoteRequested">);

/** Per-call options of `engine.deploy`. */
export interface DeployOptions {
  /** Called with live progress (planned, applied, waiting, rollout, verified). */
  onEvent?: (event: DeployEvent) => void;
  /** Aborting it stops waiting for readiness (or for a Rollout) early. */
  signal?: AbortSignal;
}

/** Which deploy `engine.promote` promotes: by id, or the service's progressing deploy. */
export interface PromoteTarget {
  /** The progressing deploy's id (the service's latest deploy). */
  deployId?: string;
  /** The service whose latest deploy is progressing. */
  service?: string;
  /** Its deploys to this namespace only. @default wherever its latest deploy went */
  namespace?: string;
}

/** The ports the engine is built from (STYLE R4). */
export interface EngineDeps {
  /** The Kubernetes cluster to deploy to. */
  cluster: ClusterPort;
  /** What Nopea remembers; see `createMemory`. */
  memory: Memory;
  /** Time source for timestamps, deadlines and durations. */
  clock: Clock;
  /** Source of deploy ids. */
  ids: IdSource;
  /** Where the engine logs what it cannot report in a result. */
  log: Logger;
  /**
   * Waits `ms` milliseconds, ending early when `signal` aborts (if it can); tests pass one that
   * advances a manual clock.
   */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Where CDEvents of finished deploys go; none are built when absent. */
  events?: EventSink;
  /** Reads manifest files for `DeploySpec.files`. @default loadManifestFiles (the file system) */
  readManifestFiles?: (
    paths: readonly string[],
    options: { namespace?: string; schemaCache?: SchemaCheckCache },
  ) => Promise<LoadedManifests>;
  /**
   * Verdicts of earlier schema checks: manifest texts that passed are not checked against the
   * Kubernetes schemas again (`openEngine` keeps them in `<memoryDir>/cache/`). @default none
   */
  schemaCache?: SchemaCheckCache;
}
