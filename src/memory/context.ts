/** contextOf(): what memory knows about a service before a deploy (DESIGN §4.3). Pure. */
import {
  type DeployRecord,
  type DeployStatus,
  isServiceFailure,
  type Strategy,
} from "../deploys/mod.ts";
import { selectStrategy } from "../strategy/mod.ts";
import { errorClassOfRecord } from "./_ingest_graph.ts";
import { errorClassOf } from "./classify.ts";
import { type DoraMetrics, doraOf } from "./dora.ts";
import { type FailureRate, failureRateOf } from "./failure_rate.ts";
import { incomingAt, nodeId, outgoingAt, weightAt } from "./graph/mod.ts";
import type { MemoryState } from "./state.ts";

/** One past deploy, as context and history summaries show it. */
export interface HistoryEntry {
  /** The deploy's ULID. */
  deployId: string;
  /** The namespace deployed to. */
  namespace: string;
  /** The outcome. */
  status: DeployStatus;
  /** The strategy used. */
  strategy: Strategy;
  /** How long it took. */
  durationMs: number;
  /** When it started (ISO 8601). */
  startedAt: string;
  /** When it finished (ISO 8601). */
  finishedAt: string;
  /** The error class of a failure. */
  errorClass?: string;
  /** The deploy it rolled back to. */
  rollbackOf?: string;
}

/** A learned failure pattern: `service —failed_with→ error class`. */
export interface FailurePattern {
  /** The error class. */
  errorClass: string;
  /** The decayed weight now, 0..1. */
  confidence: number;
  /** How often the service failed with it. */
  timesSeen: number;
  /** ISO time of the last failure with this class. */
  lastSeen: string;
  /** The last few failures, oldest first. */
  evidence: string[];
}

/** Another service this one depends on, or that depends on it. */
export interface ServiceLink {
  /** The other service. */
  service: string;
  /** The relationship's weight now, 0..1. */
  weight: number;
  /** How often it was observed. */
  observations: number;
  /**
   * The outcome of the other service's last deploy that tells how it fares (refusals, heals,
   * interruptions and infrastructure faults are skipped), if Nopea deployed it.
   */
  lastStatus?: DeployStatus;
  /** When that deploy finished (ISO 8601). */
  lastDeployAt?: string;
}

/** What memory knows about a service, and the strategy it recommends. */
export interface DeployContext {
  /** The service. */
  service: string;
  /** The namespace asked about. */
  namespace: string;
  /** Every namespace the service was deployed to, in the order memory first saw them. */
  namespaces: string[];
  /** Whether memory has recorded a deploy of the service. */
  known: boolean;
  /** The last deploys, newest first. */
  recentDeploys: HistoryEntry[];
  /** Live failure patterns, strongest first (shown by `explain`; the strategy reads `failureRate`). */
  failurePatterns: FailurePattern[];
  /** How often its deploys fail, estimated from the deploys memory keeps (`failureRateOf`). */
  failureRate: FailureRate;
  /** Services this one's manifests reference. */
  dependencies: ServiceLink[];
  /** Services whose manifests reference this one. */
  dependents: ServiceLink[];
  /** The strategy `selectStrategy` picks with no explicit one. */
  recommendedStrategy: Strategy;
  /** Why. */
  reasons: string[];
  /** Warnings for strong, repeated failure patterns. */
  recommendations: string[];
  /** DORA figures of the last 30 days. */
  dora: DoraMetrics;
}

/** Options of {@linkcode contextOf}. */
export interface ContextOptions {
  /** The time decay is computed at (ms). */
  now: number;
  /** The failure rate above which a known service deploys by canary. @default 0.2 */
  canaryThreshold?: number;
  /** How many recent deploys to include. @default 10 */
  recentLimit?: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** A record as a history entry. */
export function toHistoryEntry(r: DeployRecord): HistoryEntry {
  const errorClass = errorClassOfRecord(r);
  return {
    deployId: r.deployId,
    namespace: r.namespace,
    status: r.status,
    strategy: r.strategy,
    durationMs: r.durationMs,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    ...(errorClass ? { errorClass } : {}),
    ...(r.rollbackOf ? { rollbackOf: r.rollbackOf } : {}),
  };
}

/** Whether a record tells how the service itself fares. */
export function telling(r: DeployRecord): boolean {
  if (r.status === "refused" || r.operation === "heal") return false;
  if (r.status === "failed") return isServiceFailure(r);
  return true;
}

function link(
  state: MemoryState,
  service: string,
  weight: number,
  observations: number,
): ServiceLink {
  // The other service's last outcome that says something about it: refusals, heals,
  // interruptions and infrastructure faults are skipped.
  const last = state.services.get(service)?.recent.findLast(telling);
  return {
    service,
    weight: round3(weight),
    observations,
    ...(last ? { lastStatus: last.status, lastDeployAt: last.finishedAt } : {}),
  };
}

/** The deploy context of `service` in `namespace` at `options.now`. */
export function contextOf(
  state: MemoryState,
  service: string,
  namespace: string,
  options: ContextOptions,
): DeployContext {
  const { now } = options;
  const s = state.services.get(service);
  const id = nodeId("service", service);
  const failurePatterns = outgoingAt(state.graph, id, now, "failed_with").map((rel) => ({
    errorClass: errorClassOf(rel.targetName) ?? rel.targetName,
    confidence: round3(weightAt(rel, now)),
    timesSeen: rel.observations,
    lastSeen: new Date(rel.last.time).toISOString(),
    evidence: [...rel.evidence],
  })).sort((a, b) => b.confidence - a.confidence || a.errorClass.localeCompare(b.errorClass));
  const byName = (a: ServiceLink, b: ServiceLink) => a.service.localeCompare(b.service);
  const dependencies = outgoingAt(state.graph, id, now, "depends_on")
    .map((r) => link(state, r.targetName, weightAt(r, now), r.observations)).sort(byName);
  const dependents = incomingAt(state.graph, id, now, "depends_on")
    .map((r) => link(state, r.sourceName, weightAt(r, now), r.observations)).sort(byName);
  const known = s !== undefined;
  const recommendations = failurePatterns
    .filter((p) => p.confidence > 0.7 && p.timesSeen >= 2)
    .map((p) =>
      `High failure rate (${
        p.confidence.toFixed(2)
      }) for ${p.errorClass} — seen ${p.timesSeen} times. Deploy with caution.`
    );
  const failureRate = failureRateOf(s?.recent ?? []);
  const base = { service, known, failureRate, dependencies };
  const choice = selectStrategy(
    {},
    base,
    options.canaryThreshold === undefined ? {} : { canaryThreshold: options.canaryThreshold },
  );
  return {
    service,
    namespace,
    namespaces: [...(s?.namespaces ?? [])],
    known,
    recentDeploys: (s?.recent ?? []).slice(-(options.recentLimit ?? 10)).reverse().map(
      toHistoryEntry,
    ),
    failurePatterns,
    failureRate,
    dependencies,
    dependents,
    recommendedStrategy: choice.strategy,
    reasons: choice.reasons,
    recommendations,
    dora: doraOf(s, now),
  };
}
