/**
 * A long occurrence log (tens of thousands of deploys, one every 10 minutes, so the graph is
 * pruned several times) in which images come and go as they do in CI: a new tag on most
 * deploys, a tag kept for good, a tag several services share for a while, a tag deployed again
 * long after it decayed away, and an image listed twice in one deploy. With refusals,
 * progressing deploys, rollbacks, heals, failures, an occurrence of another kind, blank lines.
 */
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

const SERVICES = ["api", "web", "worker", "db", "cache", "queue"];
const START = Date.parse("2026-01-01T00:00:00Z");
const EVERY_MS = 600_000;

function imagesOf(i: number, service: string): string[] {
  const own = `registry.example/${service}:${i}`;
  switch (i % 10) {
    case 0:
      return [`registry.example/${service}:stable`];
    case 1: // Shared by every service for 7,000 deploys, then never again.
      return [`registry.example/base:${Math.floor(i / 7000)}`, own];
    case 2: // Again 2,500 deploys later: decayed away, pruned or not in between.
      return [`registry.example/revisit:${i % 2500}`];
    case 3:
      return [own, own];
    default:
      return [own];
  }
}

/** Deploy `i`: a record of one of the kinds memory learns from (or not). */
export function imageRecordAt(i: number): DeployRecord {
  const service = SERVICES[i % SERVICES.length] as string;
  const at = {
    service,
    deployId: `01IMG${String(i).padStart(21, "0")}`,
    finishedAt: new Date(START + i * EVERY_MS).toISOString(),
    images: imagesOf(i, service),
    dependsOn: i % 4 === 0 ? [SERVICES[(i + 1) % SERVICES.length] as string] : [],
  };
  if (i % 5 === 4) return failedRecord(i % 2 === 0 ? "CrashLoopBackOff" : "Timeout", at);
  if (i % 17 === 0) return buildRecord({ ...at, status: "refused", verified: false });
  if (i % 19 === 0) return buildRecord({ ...at, operation: "heal" });
  if (i % 23 === 0) return buildRecord({ ...at, status: "rolledback", rollbackOf: "01JPREV" });
  return buildRecord(at);
}

/** `n` log lines from deploy `from` on (with a progressing record before some deploys). */
export function imageHistoryLines(n: number, from = 0): string[] {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    const id = `01IMGOCC${String(i).padStart(18, "0")}`;
    const record = imageRecordAt(i);
    if (i % 29 === 0) {
      const progressing = { ...record, status: "progressing" as const };
      lines.push(JSON.stringify(buildOccurrence(progressing, undefined, { id: `${id}P` })));
    }
    lines.push(JSON.stringify(buildOccurrence(record, undefined, { id })));
    if (i % 997 === 0) {
      lines.push(JSON.stringify({ id: `${id}X`, type: "ci.run.passed", data: {} }));
    }
    if (i % 1009 === 0) lines.push("");
  }
  return lines;
}
