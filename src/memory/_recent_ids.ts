/**
 * Which deploy ids each service's `recent` history holds, as counts in 256 buckets (by the
 * id's last characters), kept in step by `remember`, the only writer of `recent`. An empty
 * bucket proves an id is not in the history, so `remember` searches the history only when
 * the id's bucket holds some id: the answer is `findIndex`'s, found without hashing strings
 * (a `Set` of the ids cost about 1 µs a record in the replay's reading worker).
 */
import type { ServiceState } from "./state.ts";

/** Buckets per service. */
const BUCKETS = 256;

const bucketsByService = new WeakMap<ServiceState, Int32Array>();

/** The bucket of a deploy id: its last four UTF-16 code units, mixed (ids of any length). */
export function idBucket(id: string): number {
  const n = id.length;
  const last = ((id.charCodeAt(n - 1) * 31 + id.charCodeAt(n - 2)) * 31 +
        id.charCodeAt(n - 3)) * 31 + id.charCodeAt(n - 4);
  // A short id reads NaN past its start: `Math.imul` makes that 0, the same each time.
  return Math.imul(last, 0x9e3779b1) >>> 24;
}

/** The bucket counts of `s.recent`, counted from it the first time it is asked for. */
export function recentBuckets(s: ServiceState): Int32Array {
  let buckets = bucketsByService.get(s);
  if (!buckets) {
    bucketsByService.set(s, buckets = new Int32Array(BUCKETS));
    for (const r of s.recent) countId(buckets, idBucket(r.deployId), 1);
  }
  return buckets;
}

/** Counts an id in (`by` 1) or out of (`by` -1) its bucket. */
export function countId(buckets: Int32Array, bucket: number, by: 1 | -1): void {
  buckets[bucket] = (buckets[bucket] as number) + by;
}

/** Where `id` is in `s.recent` (its first place), or -1: `findIndex` by deploy id. */
export function recentIndex(
  s: ServiceState,
  buckets: Int32Array,
  bucket: number,
  id: string,
): number {
  if (buckets[bucket] === 0) return -1;
  const recent = s.recent;
  for (let i = 0; i < recent.length; i++) if (recent[i]?.deployId === id) return i;
  return -1;
}
