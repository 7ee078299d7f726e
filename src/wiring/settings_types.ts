/** Nopea's settings: what callers pass, what is resolved, and the variables read. */

/**
 * Explicit settings: library options, or the CLI's flags. A string is parsed as a flag's text
 * (`"0.3"`, `"5m"`) and named by its flag in errors; a number is taken as is (durations in
 * milliseconds). Absent or `undefined` values fall back to the environment, then to defaults.
 */
export interface SettingsOptions {
  /** A kubeconfig file (`--kubeconfig`). @default `KUBECONFIG`, then `~/.kube/config`, then in-cluster */
  kubeconfig?: string | undefined;
  /** The kubeconfig context (`--context`). @default the kubeconfig's current context */
  context?: string | undefined;
  /** Namespace of deploys that name none. @default the kubeconfig context's namespace, else "default" */
  defaultNamespace?: string | undefined;
  /** Where memory lives (`--memory-dir`). @default `NOPEA_MEMORY_DIR`, then `.nopea` in `cwd` */
  memoryDir?: string | undefined;
  /** Where memory is kept: `file` (`.nopea/` only) or `cluster` (`.nopea/` synced with the cluster) (`--memory-store`). @default `NOPEA_MEMORY_STORE`, then `file` */
  memoryStore?: string | undefined;
  /** Estimated failure rate above which memory picks canary, 0 to 1 (`--canary-threshold`). @default `NOPEA_CANARY_THRESHOLD`, then `DEFAULT_CANARY_THRESHOLD` */
  canaryThreshold?: number | string | undefined;
  /** Most objects applied in parallel, 1 to 256. @default `NOPEA_APPLY_CONCURRENCY`, then 64 */
  applyConcurrency?: number | string | undefined;
  /** How long a deploy may take to become ready (`--timeout`). @default `NOPEA_TIMEOUT`, then 5m */
  timeoutMs?: number | string | undefined;
  /** How long ImagePullBackOff or CrashLoopBackOff is tolerated (`--tolerance`). @default `NOPEA_TOLERANCE`, then 60s */
  podProblemToleranceMs?: number | string | undefined;
  /** Who holds the deploy locks this process takes. @default `NOPEA_LOCK_IDENTITY`, then `<hostname>/<pid>` */
  lockIdentity?: string | undefined;
  /** Where CDEvents of finished deploys go. @default `NOPEA_CDEVENTS_URL`, else none are sent */
  cdEventsUrl?: string | undefined;
  /** The environment read. @default the variables of `ENVIRONMENT_VARIABLES`, read one by one */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The working directory relative paths are resolved against. @default `Deno.cwd()` */
  cwd?: string | undefined;
}

/** Nopea's settings, resolved and checked. */
export interface NopeaSettings {
  /** The kubeconfig given (option, else `KUBECONFIG`); undefined: `~/.kube/config` or in-cluster. */
  readonly kubeconfig: string | undefined;
  /** The kubeconfig context given; undefined: the current context. */
  readonly context: string | undefined;
  /** The memory directory, absolute or relative to the working directory given. */
  readonly memoryDir: string;
  /** `file`: memory in `memoryDir` only; `cluster`: `memoryDir` synced with the cluster. */
  readonly memoryStore: "file" | "cluster";
  /** Estimated failure rate above which memory picks canary for a known service. */
  readonly canaryThreshold: number;
  /** Objects applied in parallel within one apply group. */
  readonly applyConcurrency: number;
  /** Default deploy timeout, in milliseconds. */
  readonly timeoutMs: number;
  /** How long a blocking pod problem is tolerated, in milliseconds. */
  readonly podProblemToleranceMs: number;
  /** Holder of the deploy locks (Leases) this process takes. */
  readonly lockIdentity: string;
  /** Where CDEvents go; undefined: none are sent. */
  readonly cdEventsUrl: string | undefined;
  /**
   * Namespace of deploys that name none: the option, else the kubeconfig context's namespace,
   * else "default". The kubeconfig is read on the first call, never before.
   */
  defaultNamespace(): string;
}

/**
 * The environment variables Nopea reads, each with what it sets.
 *
 * @example
 * ```ts
 * import { SETTINGS_VARIABLES } from "@nopea/nopea";
 * import { ok } from "node:assert/strict";
 * ok("NOPEA_CANARY_THRESHOLD" in SETTINGS_VARIABLES);
 * ```
 */
export const SETTINGS_VARIABLES: Readonly<Record<string, string>> = {
  KUBECONFIG: "kubeconfig files, merged like kubectl (--kubeconfig wins)",
  NOPEA_MEMORY_DIR: "where memory lives (--memory-dir wins)",
  NOPEA_MEMORY_STORE: "file or cluster: memory shared through the cluster (--memory-store wins)",
  NOPEA_CANARY_THRESHOLD: "estimated failure rate above which memory picks canary, 0 to 1",
  NOPEA_APPLY_CONCURRENCY: "objects applied in parallel, 1 to 256",
  NOPEA_TIMEOUT: "how long a deploy may take to become ready (--timeout wins)",
  NOPEA_TOLERANCE: "how long a pod problem is tolerated (--tolerance wins)",
  NOPEA_LOCK_IDENTITY: "holder of the deploy locks this process takes",
  NOPEA_CDEVENTS_URL: "where CDEvents of finished deploys go",
};
