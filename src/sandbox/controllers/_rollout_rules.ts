/** KULTA's rules that need no cluster: strategy choice, validation, durations, replica and traffic splits. */
import type { JsonObject } from "../types.ts";
import { isObject, num, obj, objects, str } from "./_json.ts";

/** The strategy handler KULTA picks: simple, then blueGreen, then abTesting, else canary. */
export type Strategy = "simple" | "blueGreen" | "abTesting" | "canary";

/** Picks the strategy of a Rollout spec. */
export function strategyOf(spec: JsonObject): Strategy {
  const strategy = obj(spec["strategy"]);
  if (isObject(strategy["simple"])) return "simple";
  if (isObject(strategy["blueGreen"])) return "blueGreen";
  if (isObject(strategy["abTesting"])) return "abTesting";
  return "canary";
}

const UNITS: Record<string, { ms: number; max: number }> = {
  s: { ms: 1000, max: 86_400 },
  m: { ms: 60_000, max: 1440 },
  h: { ms: 3_600_000, max: 168 },
};

/** Parses `"30s"`, `"5m"` or `"1h"` as KULTA does (N > 0, bounded per unit); milliseconds. */
export function parseDuration(text: unknown): number | undefined {
  const match = /^(\d+)([smh])$/.exec((str(text) ?? "").trim());
  const unit = match ? UNITS[match[2] ?? ""] : undefined;
  if (!match || !unit) return undefined;
  const n = Number(match[1]);
  return n > 0 && n <= unit.max ? n * unit.ms : undefined;
}

/** Formats a time as chrono's `to_rfc3339()` does (`+00:00`, milliseconds only when not zero). */
export function kultaTime(ms: number): string {
  const iso = new Date(ms).toISOString().replace("Z", "+00:00");
  return ms % 1000 === 0 ? iso.replace(".000+", "+") : iso;
}

/** Whole seconds from an RFC 3339 time to `now`, truncated; `undefined` when unparseable. */
export function secondsSince(time: unknown, now: number): number | undefined {
  const at = Date.parse(str(time) ?? "");
  return Number.isNaN(at) ? undefined : Math.trunc((now - at) / 1000);
}

function validSurge(value: unknown): boolean {
  const text = str(value) ?? "";
  const n = Number(text.endsWith("%") ? text.slice(0, -1) : text);
  return /^\d+%?$/.test(text) && (!text.endsWith("%") || n <= 100);
}

function validateCanary(canary: JsonObject): string | undefined {
  if (!str(canary["canaryService"])) return "spec.strategy.canary.canaryService cannot be empty";
  if (!str(canary["stableService"])) return "spec.strategy.canary.stableService cannot be empty";
  const steps = objects(canary["steps"]);
  if (steps.length === 0) return "spec.strategy.canary.steps must have at least one step";
  for (const [i, step] of steps.entries()) {
    const weight = num(step["setWeight"]);
    if (weight === undefined) return `steps[${i}].setWeight is required`;
    if (weight < 0 || weight > 100) return `steps[${i}].setWeight must be 0-100, got ${weight}`;
    const duration = obj(step["pause"])["duration"];
    if (duration !== undefined && parseDuration(duration) === undefined) {
      return `steps[${i}].pause.duration invalid: ${String(duration)}`;
    }
  }
  const route = obj(obj(canary["trafficRouting"])["gatewayAPI"]);
  if (isObject(obj(canary["trafficRouting"])["gatewayAPI"]) && !str(route["httpRoute"])) {
    return "spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute cannot be empty";
  }
  return undefined;
}

/** KULTA's runtime validation; the message when the spec is invalid. */
export function validateRollout(spec: JsonObject): string | undefined {
  const replicas = num(spec["replicas"]) ?? 1;
  if (replicas < 0) return `spec.replicas must be >= 0, got ${replicas}`;
  const canary = obj(spec["strategy"])["canary"];
  const problem = isObject(canary) ? validateCanary(canary) : undefined;
  if (problem) return problem;
  for (const field of ["maxSurge", "maxUnavailable"]) {
    if (spec[field] !== undefined && !validSurge(spec[field])) {
      return `spec.${field} invalid format '${String(spec[field])}'`;
    }
  }
  const deadline = num(spec["progressDeadlineSeconds"]);
  return deadline !== undefined && deadline < 0
    ? `spec.progressDeadlineSeconds must be >= 0, got ${deadline}`
    : undefined;
}

function surgeValue(value: string, total: number): number {
  if (!validSurge(value)) return 0;
  return value.endsWith("%")
    ? Math.ceil((total * Number(value.slice(0, -1))) / 100)
    : Number(value);
}

/** `[stable, canary]` replicas for a weight, clamped by maxSurge and maxUnavailable. */
export function splitReplicas(
  total: number,
  weight: number,
  maxSurge = "25%",
  maxUnavailable = "0",
): [number, number] {
  const ideal = weight === 0 ? 0 : weight === 100 ? total : Math.ceil((total * weight) / 100);
  let canary = ideal;
  let stable = Math.max(0, total - ideal);
  const excess = stable + canary - (total + surgeValue(maxSurge, total));
  if (excess > 0) {
    const cut = Math.min(canary, excess);
    canary -= cut;
    stable = Math.max(0, stable - (excess - cut));
  }
  const floor = Math.max(0, total - surgeValue(maxUnavailable, total));
  if (stable + canary < floor) stable += floor - (stable + canary);
  return [stable, canary];
}

/** `[stable, canary]` traffic weights from the current step (100/0 before the first step). */
export function canaryWeights(spec: JsonObject, status: JsonObject | undefined): [number, number] {
  const steps = objects(obj(obj(spec["strategy"])["canary"])["steps"]);
  const index = num(status?.["currentStepIndex"]) ?? -1;
  if (index < 0) return [100, 0];
  if (index >= steps.length) return [0, 100];
  const weight = num(steps[index]?.["setWeight"]) ?? 0;
  return [100 - weight, weight];
}
