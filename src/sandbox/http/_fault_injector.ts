/** The fault controller: holds the rules, samples them per request, counts what it injected. */
import type { JsonObject } from "../types.ts";
import { type FaultController, type FaultRule, type FaultStats, parseFaultRule } from "./faults.ts";

/** What to do to one request. */
export interface FaultDecision {
  latencyMs: number;
  effect?:
    | { kind: "drop" }
    | { kind: "status"; code: number; message: string; retryAfterSeconds?: number };
}

function matches(rule: FaultRule, verb: string, resource: string): boolean {
  return (rule.verb === undefined || rule.verb === "*" || rule.verb === verb) &&
    (rule.resource === undefined || rule.resource === "*" || rule.resource === resource);
}

/** Rules plus counters; `decide()` is what the HTTP handler calls per resource request. */
export class FaultInjector implements FaultController {
  #rules: FaultRule[] = [];
  #stats: FaultStats = { latency: 0, errors: 0, throttles: 0, drops: 0 };
  readonly #random: () => number;

  constructor(random: () => number, rules: readonly FaultRule[] = []) {
    this.#random = random;
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): void {
    this.#rules.push(parseFaultRule(rule));
  }

  clear(): void {
    this.#rules = [];
  }

  /** Replaces every rule at once (all are validated before any is installed). */
  replace(rules: readonly unknown[]): void {
    this.#rules = rules.map(parseFaultRule);
  }

  rules(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  stats(): FaultStats {
    return { ...this.#stats };
  }

  /** Samples every matching rule for one request (and consumes counted rules). */
  decide(verb: string, resource: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.#rules.filter((r) => matches(r, verb, resource))) {
      if (rule.count !== undefined) rule.count -= 1;
      decision.latencyMs += rule.latencyMs ?? 0;
      const effect = decision.effect ?? this.#sample(rule);
      if (effect) decision.effect = effect;
    }
    this.#rules = this.#rules.filter((r) => r.count === undefined || r.count > 0);
    this.#count(decision);
    return decision;
  }

  #sample(rule: FaultRule): FaultDecision["effect"] {
    const retryAfterSeconds = rule.retryAfterSeconds ?? 1;
    if (rule.status !== undefined) {
      const message = `injected fault: the sandbox answered ${rule.status}`;
      return rule.status === 429 || rule.status === 503
        ? { kind: "status", code: rule.status, message, retryAfterSeconds }
        : { kind: "status", code: rule.status, message };
    }
    const drop = rule.dropRate ?? 0;
    const throttle = drop + (rule.throttleRate ?? 0);
    const error = throttle + (rule.errorRate ?? 0);
    if (error === 0) return undefined;
    const r = this.#random();
    if (r < drop) return { kind: "drop" };
    if (r < throttle) {
      const message = "Too many requests, please try again later (injected fault)";
      return { kind: "status", code: 429, message, retryAfterSeconds };
    }
    if (r >= error) return undefined;
    return r < throttle + (error - throttle) / 2
      ? { kind: "status", code: 500, message: "Internal error occurred: injected fault" }
      : {
        kind: "status",
        code: 503,
        message: "the server is currently unable to handle the request (injected fault)",
      };
  }

  #count(decision: FaultDecision): void {
    if (decision.latencyMs > 0) this.#stats.latency += 1;
    const effect = decision.effect;
    if (effect?.kind === "drop") this.#stats.drops += 1;
    else if (effect?.code === 429) this.#stats.throttles += 1;
    else if (effect) this.#stats.errors += 1;
  }
}

/** The `details` of an injected status (`retryAfterSeconds` for 429/503, as kube sends). */
export function faultDetails(effect: { retryAfterSeconds?: number }): JsonObject | undefined {
  return effect.retryAfterSeconds === undefined
    ? undefined
    : { retryAfterSeconds: effect.retryAfterSeconds };
}
