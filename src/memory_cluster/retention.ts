/**
 * Retention of the cluster store: the file store's policy (`LogRetention`) applied to the
 * occurrences of every chunk. Pure.
 */
import { DEFAULT_KEEP_DAYS, DEFAULT_KEEP_PER_SERVICE, type LogRetention } from "../memory/mod.ts";
import type { Occurrence } from "../occurrences/mod.ts";

const DAY_MS = 86_400_000;

function serviceOf(occurrence: Occurrence): string | undefined {
  const record = occurrence.data?.["record"] as { service?: unknown } | undefined;
  return typeof record?.service === "string" ? record.service : undefined;
}

function timeOf(occurrence: Occurrence): number {
  const t = Date.parse(occurrence.timestamp);
  return Number.isNaN(t) ? 0 : t;
}

/** Occurrences once each (the first of each id), oldest first. */
export function uniqueByTime(occurrences: readonly Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  const unique = occurrences.filter((o) => !seen.has(o.id) && seen.add(o.id));
  return unique.sort((a, b) => timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What a compaction keeps, oldest first: per service its newest `keepPerService`, and nothing
 * older than `keepDays` before the newest occurrence, like the file store's log.
 *
 * @example
 * ```ts
 * import { keptOccurrences } from "./retention.ts";
 * import { equal } from "node:assert/strict";
 * const at = (id: string, day: number) => ({
 *   id, timestamp: new Date(day * 86_400_000).toISOString(), data: { record: { service: "web" } },
 * }) as unknown as Parameters<typeof keptOccurrences>[0][number];
 * equal(keptOccurrences([at("a", 0), at("b", 40)], {}).length, 1);
 * ```
 */
export function keptOccurrences(
  occurrences: readonly Occurrence[],
  retention: LogRetention,
): Occurrence[] {
  const perService = retention.keepPerService ?? DEFAULT_KEEP_PER_SERVICE;
  const ordered = uniqueByTime(occurrences);
  const newest = ordered.length ? timeOf(ordered[ordered.length - 1] as Occurrence) : 0;
  const horizon = newest - (retention.keepDays ?? DEFAULT_KEEP_DAYS) * DAY_MS;
  const counts = new Map<string, number>();
  const kept: Occurrence[] = [];
  for (let i = ordered.length - 1; i >= 0; i--) {
    const occurrence = ordered[i] as Occurrence;
    const service = serviceOf(occurrence) ?? "";
    const rank = (counts.get(service) ?? 0) + 1;
    counts.set(service, rank);
    if (rank <= perService && timeOf(occurrence) >= horizon) kept.push(occurrence);
  }
  return kept.reverse();
}
