/** history, services and stats views of the state. Pure. */
import { type HistoryEntry, toHistoryEntry } from "./context.ts";
import type { DeployRecord, DeployStatus } from "../deploys/mod.ts";
import { doraOf } from "./dora.ts";
import { graphAt, nodeId, outgoingAt } from "./graph/mod.ts";
import type { MemoryState } from "./state.ts";

/** Options of `history`. */
export interface HistoryOptions {
  /** At most this many records, newest first. @default 20 */
  limit?: number;
  /** Only deploys finished at or after this ISO time. */
  since?: string;
  /** Only deploys with this status. */
  status?: DeployStatus;
}

/** One service in the `services` list. */
export interface ServiceSummary {
  /** The service. */
  service: string;
  /** Namespaces it was deployed to. */
  namespaces: string[];
  /** Distinct deploys recorded. */
  deploys: number;
  /** Its last deploy. */
  lastDeploy?: HistoryEntry;
  /** Live failure patterns. */
  failurePatterns: number;
  /** Over the last 30 days; `null` without terminal deploys. */
  changeFailureRate: number | null;
}

/** Counts of what memory holds. */
export interface MemoryStats {
  /** Deploy occurrences ingested. */
  occurrences: number;
  /** Distinct deploys recorded. */
  deploys: number;
  /** Deploys by their latest status. */
  byStatus: Record<DeployStatus, number>;
  /** Services with recorded deploys. */
  services: number;
  /** Live nodes and relationships (decay applied). */
  nodes: number;
  /** Live relationships. */
  relationships: number;
  /** When the last deploy finished (ISO 8601), if any. */
  lastDeployAt: string | null;
}

/** The deploys of a service, newest first, filtered. */
export function historyOf(
  state: MemoryState,
  service: string,
  options: HistoryOptions = {},
): DeployRecord[] {
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  const out: DeployRecord[] = [];
  const recent = state.services.get(service)?.recent ?? [];
  for (let i = recent.length - 1; i >= 0 && out.length < (options.limit ?? 20); i--) {
    const r = recent[i] as DeployRecord;
    if (options.status !== undefined && r.status !== options.status) continue;
    if (since !== undefined && Date.parse(r.finishedAt) < since) continue;
    out.push(r);
  }
  return out;
}

/** Every service memory knows, by name. */
export function servicesOf(state: MemoryState, now: number): ServiceSummary[] {
  return [...state.services.values()].map((s) => {
    const last = s.recent.at(-1);
    return {
      service: s.name,
      namespaces: [...s.namespaces],
      deploys: s.deploys,
      ...(last ? { lastDeploy: toHistoryEntry(last) } : {}),
      failurePatterns:
        outgoingAt(state.graph, nodeId("service", s.name), now, "failed_with").length,
      changeFailureRate: doraOf(s, now).changeFailureRate,
    };
  }).sort((a, b) => a.service.localeCompare(b.service));
}

/** Counts of what memory holds at `now`. */
export function statsOf(state: MemoryState, now: number): MemoryStats {
  const byStatus = { completed: 0, failed: 0, rolledback: 0, progressing: 0, refused: 0 };
  let deploys = 0;
  let last = 0;
  for (const s of state.services.values()) {
    deploys += s.deploys;
    for (const k of Object.keys(byStatus) as DeployStatus[]) byStatus[k] += s.byStatus[k] ?? 0;
    const at = s.recent.at(-1);
    if (at) last = Math.max(last, Date.parse(at.finishedAt));
  }
  const live = graphAt(state.graph, now);
  return {
    occurrences: state.occurrences,
    deploys,
    byStatus,
    /** Services with recorded deploys. */
    services: state.services.size,
    /** Live nodes. */
    nodes: live.nodes.length,
    /** Live relationships. */
    relationships: live.relationships.length,
    /** When the last deploy finished (ISO 8601), if any. */
    lastDeployAt: last > 0 ? new Date(last).toISOString() : null,
  };
}
