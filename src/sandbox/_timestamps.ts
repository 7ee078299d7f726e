/** RFC 3339 timestamps of the sandbox (stored objects, managedFields, controllers), formatted once per second. */
import { rfc3339 } from "../shared/mod.ts";

let lastSecond = Number.NaN;
let lastText = "";

/**
 * `rfc3339(ms)` (whole seconds, Kubernetes style), remembering the last second formatted: the
 * sandbox stamps many writes, conditions and events within the same second.
 *
 * @example
 * ```ts
 * import { timestamp } from "./_timestamps.ts";
 * import { equal } from "node:assert/strict";
 * equal(timestamp(1_500), "1970-01-01T00:00:01Z");
 * ```
 */
export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = rfc3339(ms);
  }
  return lastText;
}
