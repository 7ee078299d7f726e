/** Prometheus text of the watched sources: phase, failures, last sync time. */
import type { SourcePhase, SourceStatus } from "./types.ts";

const PHASES: readonly SourcePhase[] = ["Pending", "Syncing", "Synced", "Failed", "Suspended"];

const label = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/**
 * The metrics of `nopea watch`, in the Prometheus text format.
 *
 * @example
 * ```ts
 * import { watchMetrics } from "./watch_metrics.ts";
 * import { ok } from "node:assert/strict";
 * const text = watchMetrics([{ name: "web", service: "web", phase: "Synced", failures: 0, nextPollAt: 0, conditions: [] }]);
 * ok(text.includes('nopea_gitops_source_phase{source="web",phase="Synced"} 1'));
 * ```
 */
export function watchMetrics(statuses: readonly SourceStatus[]): string {
  const lines = [
    "# HELP nopea_gitops_source_phase Phase of each watched source (1 for the current one).",
    "# TYPE nopea_gitops_source_phase gauge",
  ];
  for (const s of statuses) {
    for (const phase of PHASES) {
      const value = s.phase === phase ? 1 : 0;
      lines.push(`nopea_gitops_source_phase{source="${label(s.name)}",phase="${phase}"} ${value}`);
    }
  }
  lines.push(
    "# HELP nopea_gitops_source_failures Failed syncs in a row of each source.",
    "# TYPE nopea_gitops_source_failures gauge",
    ...statuses.map((s) => `nopea_gitops_source_failures{source="${label(s.name)}"} ${s.failures}`),
    "# HELP nopea_gitops_source_last_sync_seconds When each source was last synced (Unix time).",
    "# TYPE nopea_gitops_source_last_sync_seconds gauge",
  );
  for (const s of statuses) {
    if (!s.lastSyncTime) continue;
    const seconds = Date.parse(s.lastSyncTime) / 1000;
    lines.push(`nopea_gitops_source_last_sync_seconds{source="${label(s.name)}"} ${seconds}`);
  }
  return lines.join("\n") + "\n";
}
