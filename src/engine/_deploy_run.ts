/** The state of one deploy while it runs, and the result it ends with. */
import type {
  DeployError,
  DeployOperation,
  DeployResult,
  DeployStatus,
  DeployTrigger,
  DriftEntry,
  ResourceOutcome,
  SourceRevision,
  Strategy,
} from "../deploys/mod.ts";
import type { DeployContext } from "../memory/mod.ts";
import type { PlanGroup } from "../plan/mod.ts";
import { toErrorBody } from "../shared/mod.ts";

/** Everything a deploy has learned so far; steps fill it in. */
export interface DeployRun {
  deployId: string;
  service: string;
  namespace: string;
  dryRun: boolean;
  startedAt: number;
  context?: DeployContext;
  strategy: Strategy;
  strategyReasons: string[];
  groups: readonly PlanGroup[];
  outcomes: ResourceOutcome[];
  drift: DriftEntry[];
  verified: boolean;
  status?: DeployStatus;
  error?: DeployError;
  warnings: string[];
  images: string[];
  dependsOn: string[];
  rollbackOf?: string;
  /** The operation this run is. */
  operation: DeployOperation;
  /** `false` when pruning did not run (disabled, or a rollout). */
  prune?: false;
  /** What started it (`nopea watch`). */
  trigger?: DeployTrigger;
  /** The git revision it deploys (`nopea watch`). */
  source?: SourceRevision;
}

/** A fresh run. */
export function newRun(
  init: Pick<DeployRun, "deployId" | "service" | "namespace" | "dryRun" | "startedAt">,
): DeployRun {
  return {
    ...init,
    strategy: "direct",
    strategyReasons: [],
    groups: [],
    outcomes: [],
    drift: [],
    verified: false,
    warnings: [],
    images: [],
    dependsOn: [],
    operation: "deploy",
  };
}

/** Marks the run failed with an error about one resource (or the whole deploy). */
export function failRun(run: DeployRun, error: unknown, resource?: string): void {
  run.status = "failed";
  run.error = { ...toErrorBody(error), ...(resource ? { resource } : {}) };
}

/** The result of a run that ended at `now` (the memory record is this without dryRun/drift). */
export function resultOf(run: DeployRun, now: number): DeployResult {
  return {
    deployId: run.deployId,
    service: run.service,
    namespace: run.namespace,
    strategy: run.strategy,
    strategyReasons: run.strategyReasons,
    status: run.status ?? "completed",
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: new Date(now).toISOString(),
    durationMs: now - run.startedAt,
    resources: run.outcomes,
    verified: run.verified,
    driftCount: run.drift.length,
    ...(run.error ? { error: run.error } : {}),
    images: run.images,
    dependsOn: run.dependsOn,
    ...(run.rollbackOf ? { rollbackOf: run.rollbackOf } : {}),
    operation: run.operation,
    ...(run.prune === false ? { prune: false as const } : {}),
    warnings: run.warnings,
    ...(run.trigger ? { trigger: run.trigger } : {}),
    ...(run.source ? { source: run.source } : {}),
    dryRun: run.dryRun,
    drift: run.drift,
  };
}
