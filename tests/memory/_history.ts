/** A varied occurrence log for replay tests: every kind of record memory learns from, as log lines. */
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";

const SERVICES = ["api", "web", "worker", "db", "cache"];
const CLASSES = ["CrashLoopBackOff", "ImagePullBackOff", "Timeout", "OOMKilled"];

/** Deploy `i` of a seeded, varied history (failures, dependencies, heals, rollbacks, refusals). */
function recordAt(i: number): DeployRecord {
  const service = SERVICES[(i * 7) % SERVICES.length] as string;
  const at = {
    service,
    namespace: i % 11 === 0 ? "staging" : "prod",
    finishedAt: hoursAfter(i / 3),
    images: [`registry.example/${service}:${i % 13 === 0 ? "stable" : i}`],
    dependsOn: i % 43 === 0
      ? ["payments"] // never deployed itself
      : i % 4 === 0
      ? [SERVICES[(i + 1) % SERVICES.length] as string]
      : [],
    ...(i % 6 === 0 ? { manifestsHash: `${String(i % 9).repeat(64)}` } : {}),
  };
  if (i % 5 === 0) return failedRecord(CLASSES[i % CLASSES.length] as string, at);
  if (i % 17 === 0) return buildRecord({ ...at, status: "refused", verified: false });
  if (i % 19 === 0) return buildRecord({ ...at, operation: "heal" });
  if (i % 23 === 0) return buildRecord({ ...at, status: "rolledback", rollbackOf: "01JPREV" });
  return buildRecord(at);
}

/**
 * `n` log lines from deploy `from` on: deploy occurrences, a progressing deploy recorded
 * again when it ends, an occurrence of another kind, a line in another key order, a blank line.
 */
export function historyLines(n: number, from = 0): string[] {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    const id = `01HIST${String(i).padStart(20, "0")}`;
    const record = recordAt(i);
    if (i % 29 === 0) {
      const progressing = { ...record, status: "progressing" as const };
      lines.push(JSON.stringify(buildOccurrence(progressing, undefined, { id: `${id}P` })));
    }
    const occurrence = buildOccurrence(record, undefined, { id });
    if (i % 31 === 0) {
      const { data, ...rest } = occurrence;
      lines.push(JSON.stringify({ data, ...rest }));
    } else {
      lines.push(JSON.stringify(occurrence));
    }
    if (i % 37 === 0) lines.push(JSON.stringify({ id: `${id}X`, type: "ci.run.passed", data: {} }));
    if (i % 41 === 0) lines.push("");
  }
  return lines;
}
