/** Parsing of flag values shared by commands: durations, key=value labels. */
import { NopeaError } from "../shared/mod.ts";
export { parseDuration } from "../shared/mod.ts";

/**
 * Parses repeated `key=value` flags into labels.
 *
 * @example
 * ```ts
 * import { parseLabels } from "./flags.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseLabels(["team=web", "tier=front"]), { team: "web", tier: "front" });
 * ```
 */
export function parseLabels(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0) {
      throw new NopeaError("SPEC_INVALID", `Invalid --label "${value}": expected key=value`, {
        hint: "For example --label team=payments",
      });
    }
    labels[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return labels;
}
