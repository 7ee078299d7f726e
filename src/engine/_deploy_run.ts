/** The state of one deploy while it runs, and how it becomes a result and a memory record. */
import type {
  DeployContext,
  DeployRecord,
  ResourceOutcome as RecordedOutcome,
} from "../memory/mod.ts";
import type { PlanGroup } from "../plan/mod.ts";
import { type ErrorBody, toErrorBody } from "../shared/mod.ts";
import type { DeployResult, DeployStatus, DriftEntry, ResourceOutcome, Strategy } from "./types.ts";

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
  error?: DeployResult["error"];
  warnings: string[];
  images: string[];
  dependsOn: string[];
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
  };
}

/** Marks the run failed with an error about one resource (or the whole deploy). */
export function failRun(run: DeployRun, error: unknown, resource?: string): void {
  const body: ErrorBody = toErrorBody(error);
  run.status = "failed";
  run.error = { ...body, ...(resource ? { resource } : {}) };
}

/** The result value of a finished run. */
export function resultOf(run: DeployRun, now: number): DeployResult {
  return {
    deployId: run.deployId,
    service: run.service,
    namespace: run.namespace,
    strategy: run.strategy,
    strategyReasons: run.strategyReasons,
    status: run.status ?? "completed",
    dryRun: run.dryRun,
    resources: run.outcomes,
    verified: run.verified,
    drift: run.drift,
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: now - run.startedAt,
    ...(run.error ? { error: run.error } : {}),
    warnings: run.warnings,
  };
}

function recordedAction(o: ResourceOutcome): RecordedOutcome["action"] {
  return o.action === "skipped" ? "failed" : o.action;
}

/** What memory records about a result. */
export function recordOf(result: DeployResult, run: DeployRun, now: number): DeployRecord {
  return {
    deployId: result.deployId,
    service: result.service,
    namespace: result.namespace,
    strategy: result.strategy,
    strategyReasons: result.strategyReasons,
    status: result.status,
    startedAt: result.startedAt,
    finishedAt: new Date(now).toISOString(),
    durationMs: result.durationMs,
    resources: result.resources.map((o) => ({
      key: o.key,
      kind: o.resource.kind,
      name: o.resource.name,
      ...(o.resource.namespace ? { namespace: o.resource.namespace } : {}),
      action: recordedAction(o),
      ...(o.error
        ? { error: o.error.message }
        : o.action === "skipped"
        ? { error: "not applied" }
        : {}),
    })),
    verified: result.verified,
    drift: result.drift.length,
    ...(result.error
      ? {
        error: {
          code: result.error.code,
          message: result.error.message,
          ...(result.error.hint ? { hint: result.error.hint } : {}),
          ...(result.error.resource ? { resource: result.error.resource } : {}),
          ...(result.error.errorClass ? { errorClass: result.error.errorClass } : {}),
        },
      }
      : {}),
    images: run.images,
    dependsOn: run.dependsOn,
    warnings: result.warnings,
  };
}
