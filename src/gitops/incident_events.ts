/**
 * The CDEvents of `nopea watch` (v0.4.1 `dev.cdevents.incident.detected.0.1.0`): drift detected
 * on a source's service, and a failed sync. Sent once per change of what is wrong, not at every
 * poll while it stays wrong.
 */
import { type CdEvent, CDEVENTS_VERSION, type EventSink } from "../events/mod.ts";
import type { Clock } from "../shared/mod.ts";
import { displayRepo } from "./git_port.ts";
import type { SourceStatus, WatchSource } from "./types.ts";

/** What went wrong with a source. */
export interface SourceIncident {
  /** `drift` (someone changed the cluster) or `sync_failed`. */
  kind: "drift" | "sync_failed";
  /** The CamelCase reason of the condition (`DriftDetected`, `GitFailed`, `ManifestsInvalid`, …). */
  reason: string;
  /** The sentence of the condition. */
  description: string;
  /** The commit concerned, if any. */
  commit?: string;
}

/**
 * The incident event of a source.
 *
 * @example
 * ```ts
 * import { incidentEvent } from "./incident_events.ts";
 * import { equal } from "node:assert/strict";
 * const source = { name: "web", service: "web", namespace: "shop", repo: "https://git/app.git", branch: "main", path: "", intervalMs: 60_000 };
 * const event = incidentEvent(source, { kind: "drift", reason: "DriftDetected", description: "1 object drifted" }, { source: "/nopea/x", id: "1", now: "2026-01-01T00:00:00Z" });
 * equal(event.context.type, "dev.cdevents.incident.detected.0.1.0");
 * ```
 */
export function incidentEvent(
  source: WatchSource,
  incident: SourceIncident,
  at: { source: string; id: string; now: string },
): CdEvent {
  const namespace = source.namespace ?? "default";
  const repo = displayRepo(source.repo);
  return {
    context: {
      version: CDEVENTS_VERSION,
      id: at.id,
      source: at.source,
      type: "dev.cdevents.incident.detected.0.1.0",
      timestamp: at.now,
    },
    subject: {
      id: `${namespace}/${source.service}/${incident.kind}/${at.id}`,
      source: at.source,
      type: "incident",
      content: {
        description: incident.description,
        environment: { id: namespace, source: `/api/v1/namespaces/${namespace}` },
        service: { id: `${namespace}/${source.service}`, source: at.source },
        artifactId: incident.commit ? `${repo}@${incident.commit}` : repo,
      },
    },
    customData: {
      nopea: {
        kind: incident.kind,
        reason: incident.reason,
        source: source.name,
        branch: source.branch,
        ...(incident.commit ? { commit: incident.commit } : {}),
      },
    },
    customDataContentType: "application/json",
  };
}

/** The incidents a status shows: `Ready=False` is a failed sync, `Drifted=True` is drift. */
function incidentsOf(status: SourceStatus): Map<SourceIncident["kind"], SourceIncident> {
  const found = new Map<SourceIncident["kind"], SourceIncident>();
  for (const c of status.conditions) {
    if (c.type === "Ready" && c.status === "False") {
      found.set("sync_failed", { kind: "sync_failed", reason: c.reason, description: c.message });
    }
    if (c.type === "Drifted" && c.status === "True") {
      const commit = status.lastSyncedCommit;
      const incident = { kind: "drift" as const, reason: c.reason, description: c.message };
      found.set("drift", commit ? { ...incident, commit } : incident);
    }
  }
  return found;
}

/**
 * Sends the incidents of a source's status to `sink`, each once: a repeat of the same reason
 * and message is dropped until the condition clears.
 */
export function incidentNotifier(
  sink: EventSink,
  clock: Clock,
): (source: WatchSource, status: SourceStatus) => void {
  const said = new Map<string, string>();
  return (source, status) => {
    const incidents = incidentsOf(status);
    for (const kind of ["sync_failed", "drift"] as const) {
      const key = `${source.name}/${kind}`;
      const incident = incidents.get(kind);
      if (!incident) {
        said.delete(key);
        continue;
      }
      const text = `${incident.reason}:${incident.description}`;
      if (said.get(key) === text) continue;
      said.set(key, text);
      const now = new Date(clock.now()).toISOString();
      const at = { source: sink.source, id: crypto.randomUUID(), now };
      sink.emit(incidentEvent(source, incident, at));
    }
  };
}
