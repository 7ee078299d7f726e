/** The drift check of a source after its sync: heal per policy, the `Drifted` condition. */
import type { Engine, HealReport } from "../engine/mod.ts";
import { type Clock, isNopeaError, type Logger } from "../shared/mod.ts";
import { setCondition } from "./source_status.ts";
import type { SourceState } from "./sync_state.ts";

/** What a drift check needs. */
export interface ReconcileDeps {
  engine: Engine;
  clock: Clock;
  log: Logger;
  /** Called with the report when drift was found (notify policy: CDEvent, webhook). */
  onDrift?: (state: SourceState, report: HealReport) => void;
}

function summary(report: HealReport): string {
  const healed = report.healed.length ? `; healed ${report.healed.join(", ")}` : "";
  const skipped = report.skipped.map((s) => `${s.key} (${s.reason})`).join(", ");
  return `${report.drift.drifted} object(s) drifted${healed}${
    skipped ? `; skipped ${skipped}` : ""
  }`;
}

/**
 * Checks a synced source for drift and heals it per its policy (`auto` re-applies, honouring
 * the grace period and the `nopea.io/suspend-heal` annotation; `manual` and `notify` report).
 * Returns the report, or `undefined` when the check could not run (logged, never thrown).
 */
export async function reconcileSource(
  deps: ReconcileDeps,
  state: SourceState,
): Promise<HealReport | undefined> {
  const { source, status } = state;
  if (source.suspend || status.lastSyncedCommit === undefined) return undefined;
  let report: HealReport;
  try {
    report = await deps.engine.heal({
      service: source.service,
      policy: source.healPolicy ?? "auto",
      ...(source.healGraceMs ? { graceMs: source.healGraceMs } : {}),
    });
  } catch (error) {
    const message = isNopeaError(error) || error instanceof Error ? error.message : String(error);
    deps.log.log("warn", `Source "${source.name}": drift check failed: ${message}`, {
      source: source.name,
    });
    return undefined;
  }
  const now = deps.clock.now();
  const drifted = report.drift.drifted > 0;
  setCondition(status, {
    type: "Drifted",
    status: drifted ? "True" : "False",
    reason: !drifted ? "InSync" : report.healed.length ? "Healed" : "DriftDetected",
    message: `Source "${source.name}" (policy ${report.policy}): ${summary(report)}`,
  }, now);
  if (drifted) {
    deps.log.log("warn", `Source "${source.name}": ${summary(report)}`, { source: source.name });
    deps.onDrift?.(state, report);
  }
  return report;
}
