/** buildOccurrence(): a deploy record → nopea's FALSE occurrence, exactly as external-formats §3.4. Pure. */
import type { DeployRecord } from "../deploys/mod.ts";
import { APPLIED, isFailure, stepsOf } from "./_steps.ts";
import type {
  DeployOccurrence,
  OccurrenceError,
  Outcome,
  Reasoning,
  Severity,
} from "./occurrence.ts";

/** What the builder reads from the memory context used for the deploy (a `DeployContext` fits). */
export interface OccurrenceMemoryContext {
  /** Whether memory knew the service. */
  known: boolean;
  /** The failure patterns memory knew, strongest first. */
  failurePatterns: readonly { errorClass: string; confidence: number; timesSeen: number }[];
  /** Memory's recommendations, appended to the explanation. */
  recommendations?: readonly string[];
}

/** Options of {@linkcode buildOccurrence}. */
export interface BuildOccurrenceOptions {
  /** The occurrence id (ULID); one per occurrence, not the deploy id. */
  id: string;
  /** The producing tool. @default "nopea" */
  source?: string;
}

const SHAPE: Readonly<Record<DeployRecord["status"], [string, Severity, Outcome]>> = {
  completed: ["deploy.run.completed", "info", "success"],
  failed: ["deploy.run.failed", "error", "failure"],
  rolledback: ["deploy.run.rolledback", "warning", "success"],
  progressing: ["deploy.run.progressing", "info", "in_progress"],
  refused: ["deploy.run.refused", "warning", "failure"],
};

function errorBlock(r: DeployRecord): OccurrenceError {
  const tail = r.status === "rolledback"
    ? "rolled back to previous version"
    : r.status === "refused"
    ? "the cluster refused the change before anything was applied"
    : "service may be partially updated";
  return {
    code: r.error?.code ?? "unknown",
    ...(r.error ? { message: r.error.message } : {}),
    what_failed: `deploy of ${r.service} (${r.strategy})`,
    why_it_matters: `${r.service} in ${r.namespace} is not updated — ${tail}`,
    ...(r.error?.hint ? { suggested_fix: r.error.hint } : {}),
  };
}

function reasoning(r: DeployRecord, context: OccurrenceMemoryContext | undefined): Reasoning {
  const cause = r.error ? (r.error.errorClass ?? r.error.code) : "cause unknown";
  const recs = context?.recommendations ?? [];
  const explanation = `${r.service} deployment ${r.status} after ${r.durationMs}ms`;
  return {
    summary: `${r.service} ${r.status === "refused" ? "was refused" : "failed"} — ${cause}`,
    explanation: recs.length > 0 ? `${explanation}. ${recs.join(" ")}` : explanation,
    confidence: context?.known ? 0.8 : 0.3,
    patterns_matched: (context?.failurePatterns ?? []).map((p) => ({
      pattern_name: p.errorClass,
      confidence: p.confidence,
      times_seen: p.timesSeen,
    })),
  };
}

/**
 * Builds the FALSE occurrence of a deploy: `deploy.run.completed|failed|rolledback`
 * (`deploy.run.progressing` while a rollout runs) with the error, reasoning (the
 * memory context and the patterns it matched), history and data blocks. The data
 * block carries the full record, so memory can be rebuilt from occurrences alone.
 *
 * @param record The deploy record.
 * @param context The memory context the deploy was planned with, if any.
 * @param options The occurrence id.
 * @returns The occurrence.
 *
 * @example
 * ```ts
 * import { buildOccurrence } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const record = {
 *   deployId: "01J0000000000000000000000A", service: "api", namespace: "prod", strategy: "direct" as const,
 *   strategyReasons: [], status: "failed" as const, startedAt: "2026-01-01T00:00:00.000Z",
 *   finishedAt: "2026-01-01T00:00:30.000Z", durationMs: 30000, resources: [], verified: false, driftCount: 0,
 *   error: { code: "KUBE_FORBIDDEN", message: "forbidden" }, images: [], dependsOn: [], warnings: [],
 * };
 * const occ = buildOccurrence(record, undefined, { id: "01J0000000000000000000000B" });
 * equal(occ.type, "deploy.run.failed");
 * equal(occ.reasoning?.confidence, 0.3);
 * ```
 */
export function buildOccurrence(
  record: DeployRecord,
  context: OccurrenceMemoryContext | undefined,
  options: BuildOccurrenceOptions,
): DeployOccurrence {
  const [type, severity, shapeOutcome] = SHAPE[record.status];
  const failed = isFailure(record);
  const outcome: Outcome = failed ? "failure" : shapeOutcome;
  const entities = record.resources
    .filter((res) => res.kind && res.name && APPLIED.has(res.action))
    .map((res) => ({
      type: res.kind,
      id: res.uid ?? "unknown",
      name: res.name,
      namespace: res.namespace ?? "",
      version: res.resourceVersion ?? "0",
      observed_at: record.finishedAt,
      source_of_truth: "k8s-api" as const,
    }));
  return {
    id: options.id,
    timestamp: record.finishedAt,
    protocol_version: "1.0",
    source: options.source ?? "nopea",
    type,
    severity,
    outcome,
    context: {
      namespace: record.namespace,
      correlation_keys: [
        { type: "deployment", value: record.service },
        { type: "namespace", value: record.namespace },
        { type: "deploy_id", value: record.deployId },
        ...(record.rollbackOf ? [{ type: "rollback_of", value: record.rollbackOf }] : []),
      ],
      entities,
    },
    ...(failed ? { error: errorBlock(record), reasoning: reasoning(record, context) } : {}),
    history: { steps: stepsOf(record), duration_ms: record.durationMs },
    data: {
      service: record.service,
      namespace: record.namespace,
      strategy: record.strategy,
      strategy_reasons: [...record.strategyReasons],
      manifests_applied: record.resources.filter((x) => APPLIED.has(x.action)).length,
      verified: record.verified,
      deploy_id: record.deployId,
      record,
    },
  };
}
