/** selectStrategy(): an explicit strategy wins, else memory decides (DESIGN §4.5). Pure. */
import { NopeaError } from "../shared/mod.ts";

/** How a deploy rolls out: apply and wait, or a KULTA Rollout. */
export type Strategy = "direct" | "canary" | "blue_green";

/** What the caller asked for. */
export interface StrategySpec {
  /** An explicit strategy; it always wins. */
  strategy?: Strategy;
  /** The caller wants the switch to the new version to happen at once (blue-green). */
  instantCutover?: boolean;
}

/** A service's estimated failure rate, as memory computes it (`DeployContext.failureRate`). */
export interface FailureRateFacts {
  /** The chance that its next deploy fails, 0..1. */
  estimate: number;
  /** Failed deploys among those counted. */
  failures: number;
  /** Deploys counted (those that followed a successful deploy). */
  deploys: number;
  /** Its last deploy, when that one failed or was rolled back after failing. */
  lastFailure?: { status: string; errorClass?: string };
}

/** The part of a memory context that strategy selection reads (a `DeployContext` fits). */
export interface StrategyContext {
  /** The service. */
  service: string;
  /** Whether memory has recorded a deploy of it. */
  known: boolean;
  /** Its estimated failure rate and whether its last deploy failed. */
  failureRate: FailureRateFacts;
  /** Services it depends on, with their last deploy status. */
  dependencies: readonly { service: string; lastStatus?: string }[];
}

/** Options of {@linkcode selectStrategy}. */
export interface SelectStrategyOptions {
  /** A known service whose estimated failure rate is above this deploys by canary. @default 0.2 */
  canaryThreshold?: number;
}

/** The chosen strategy and why, in sentences fit for the deploy result and `explain`. */
export interface StrategyChoice {
  /** The strategy. */
  strategy: Strategy;
  /** Why, in sentences. */
  reasons: string[];
}

/**
 * The default failure rate above which a known service deploys by canary: the value with the best
 * recall − healthy-canary at ≤ 20% healthy canaries in `bench/memory_quality.ts`.
 */
export const DEFAULT_CANARY_THRESHOLD = 0.2;

/** "fails about 30% of its deploys: 6 of its last 20 failed, not counting …" (threshold 20%). */
function rateSentence(context: StrategyContext, threshold: number): string {
  const r = context.failureRate;
  const near = Math.round(r.estimate * 100) === Math.round(threshold * 100);
  const rate = `${near ? (r.estimate * 100).toFixed(1) : Math.round(r.estimate * 100)}%`;
  const counts = r.deploys === 0
    ? "none has finished yet, so memory assumes the usual rate"
    : `${r.failures} of its last ${r.deploys} failed, not counting deploys right after a failure`;
  return `"${context.service}" fails about ${rate} of its deploys: ${counts} ` +
    `(threshold ${Math.round(threshold * 1000) / 10}%)`;
}

function canaryReasons(context: StrategyContext, threshold: number): string[] {
  const reasons: string[] = [];
  const { lastFailure, estimate } = context.failureRate;
  if (context.known && lastFailure) {
    const cls = lastFailure.errorClass ? ` with ${lastFailure.errorClass}` : "";
    reasons.push(
      lastFailure.status === "rolledback"
        ? `"${context.service}" failed${cls} and was rolled back in its last deploy`
        : `"${context.service}" failed${cls} before, in its last deploy`,
    );
  }
  if (context.known && estimate > threshold) reasons.push(rateSentence(context, threshold));
  for (const d of context.dependencies) {
    if (d.lastStatus === "failed" || d.lastStatus === "rolledback") {
      reasons.push(
        `dependency "${d.service}" ${
          d.lastStatus === "failed" ? "failed" : "was rolled back"
        } in its last deploy`,
      );
    }
  }
  return reasons;
}

/**
 * Chooses the deploy strategy: an explicit one wins; otherwise `canary` when the service is known
 * and its last deploy failed or its estimated failure rate is above the threshold, or when a
 * dependency failed in its last deploy; `blue_green` when the caller asks for an instant
 * cutover; else `direct`.
 *
 * @param spec What the caller asked for.
 * @param context What memory knows about the service.
 * @param options The canary threshold: a failure rate, 0 to 1.
 * @returns The strategy and the reasons for it.
 * @throws {NopeaError} `SPEC_INVALID` when the threshold is not a number in [0, 1].
 *
 * @example A service that fails a third of its deploys goes by canary
 * ```ts
 * import { selectStrategy } from "./select_strategy.ts";
 * import { equal } from "node:assert/strict";
 * const failureRate = { estimate: 0.3, failures: 6, deploys: 20 };
 * const context = { service: "api", known: true, failureRate, dependencies: [] };
 * equal(selectStrategy({}, context).strategy, "canary");
 * equal(selectStrategy({ strategy: "direct" }, context).strategy, "direct");
 * ```
 */
export function selectStrategy(
  spec: StrategySpec,
  context: StrategyContext,
  options: SelectStrategyOptions = {},
): StrategyChoice {
  const threshold = options.canaryThreshold ?? DEFAULT_CANARY_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot select a strategy: canary threshold "${threshold}" is not between 0 and 1`,
      { hint: "Pass the failure rate above which a service deploys by canary, e.g. 0.2" },
    );
  }
  if (spec.strategy !== undefined) {
    return {
      strategy: spec.strategy,
      reasons: [`strategy "${spec.strategy}" was requested explicitly`],
    };
  }
  const canary = canaryReasons(context, threshold);
  if (canary.length > 0) return { strategy: "canary", reasons: canary };
  if (spec.instantCutover) {
    return { strategy: "blue_green", reasons: ["an instant cutover was requested"] };
  }
  return {
    strategy: "direct",
    reasons: [
      context.known
        ? `${
          rateSentence(context, threshold)
        }, its last deploy did not fail and no dependency failed in its last deploy`
        : `"${context.service}" has no deploy history, so nothing argues against a direct deploy`,
    ],
  };
}
