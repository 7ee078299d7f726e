/**
 * The annotations kube keeps an autoscaler's v2-only values in while it is seen through
 * `autoscaling/v1` (other metrics, behavior, conditions, other current metrics), as JSON.
 */
import type { JsonObject } from "../types.ts";
import { isObject } from "./_json.ts";

/** The round-trip annotations, by what they hold. */
export const ANNOTATIONS = {
  metrics: "autoscaling.alpha.kubernetes.io/metrics",
  currentMetrics: "autoscaling.alpha.kubernetes.io/current-metrics",
  conditions: "autoscaling.alpha.kubernetes.io/conditions",
  behavior: "autoscaling.alpha.kubernetes.io/behavior",
} as const;

/** What the round-trip annotations hold. */
export type Stashed = Partial<Record<keyof typeof ANNOTATIONS, unknown>>;

const asObject = (v: unknown): JsonObject => isObject(v) ? v : {};

/** Moves v2-only values into round-trip annotations (JSON), only when there are any. */
export function stash(obj: JsonObject, values: Record<keyof typeof ANNOTATIONS, unknown>): void {
  const m = asObject(obj["metadata"]);
  const annotations: JsonObject = { ...asObject(m["annotations"]) };
  for (const [key, value] of Object.entries(values)) {
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty) annotations[ANNOTATIONS[key as keyof typeof ANNOTATIONS]] = JSON.stringify(value);
  }
  if (Object.keys(annotations).length > 0) obj["metadata"] = { ...m, annotations };
}

/** Takes the round-trip annotations off `obj` and returns their parsed values. */
export function unstash(obj: JsonObject): Stashed {
  const m = asObject(obj["metadata"]);
  const annotations: JsonObject = { ...asObject(m["annotations"]) };
  const out: Stashed = {};
  for (const [key, name] of Object.entries(ANNOTATIONS)) {
    const text = annotations[name];
    if (typeof text !== "string") continue;
    delete annotations[name];
    try {
      out[key as keyof typeof ANNOTATIONS] = JSON.parse(text);
    } catch {
      // an annotation that is not JSON is dropped, as kube drops it
    }
  }
  const rest: JsonObject = { ...m, annotations };
  if (Object.keys(annotations).length === 0) delete rest["annotations"];
  if (isObject(obj["metadata"])) obj["metadata"] = rest;
  return out;
}
