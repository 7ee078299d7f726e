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

/** The part of a memory context that strategy selection reads (a `DeployContext` fits). */
export interface StrategyContext {
  /** The service. */
  service: string;
  /** Whether memory has recorded a deploy of it. */
  known: boolean;
  /** Its failure patterns with their confidence now. */
  failurePatterns: readonly { errorClass: string; confidence: number; timesSeen: number }[];
  /** Services it depends on, with their last deploy status. */
  dependencies: readonly { service: string; lastStatus?: string }[];
}

/** Options of {@linkcode selectStrategy}. */
export interface SelectStrategyOptions {
  /** A failure pattern above this confidence makes a known service deploy by canary. @default 0.15 */
  canaryThreshold?: number;
}

/** The chosen strategy and why, in sentences fit for the deploy result and `explain`. */
export interface StrategyChoice {
  /** The strategy. */
  strategy: Strategy;
  /** Why, in sentences. */
  reasons: string[];
}

/** The default confidence above which a failure pattern triggers a canary. */
export const DEFAULT_CANARY_THRESHOLD = 0.15;

function round2(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

function canaryReasons(context: StrategyContext, threshold: number): string[] {
  const reasons: string[] = [];
  if (context.known) {
    for (const p of context.failurePatterns) {
      if (p.confidence > threshold) {
        const times = p.timesSeen === 1 ? "once" : `${p.timesSeen} times`;
        reasons.push(
          `"${context.service}" failed with ${p.errorClass} before (seen ${times}, confidence ${
            round2(p.confidence)
          } above the threshold ${threshold})`,
        );
      }
    }
  }
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
 * Chooses the deploy strategy: an explicit one wins; otherwise `canary` when the
 * service is known and a failure pattern's confidence exceeds the threshold, or a
 * dependency failed in its last deploy; `blue_green` when the caller asks for an
 * instant cutover; else `direct`.
 *
 * @param spec What the caller asked for.
 * @param context What memory knows about the service.
 * @param options The canary threshold.
 * @returns The strategy and the reasons for it.
 * @throws {NopeaError} `SPEC_INVALID` when the threshold is not a number in [0, 1].
 *
 * @example A known failure pattern above the threshold means canary
 * ```ts
 * import { selectStrategy } from "./select_strategy.ts";
 * import { equal } from "node:assert/strict";
 * const context = {
 *   service: "api",
 *   known: true,
 *   failurePatterns: [{ errorClass: "CrashLoopBackOff", confidence: 0.59, timesSeen: 2 }],
 *   dependencies: [],
 * };
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
      {
        hint: "Pass a confidence between 0 and 1, e.g. 0.15",
      },
    );
  }
  if (spec.strategy !== undefined) {
    return {
      /** The strategy. */
      strategy: spec.strategy,
      /** Why, in sentences. */
      reasons: [`strategy "${spec.strategy}" was requested explicitly`],
    };
  }
  const canary = canaryReasons(context, threshold);
  if (canary.length > 0) return { strategy: "canary", reasons: canary };
  if (spec.instantCutover) {
    return { strategy: "blue_green", reasons: ["an instant cutover was requested"] };
  }
  if (!context.known) {
    return {
      /** The strategy. */
      strategy: "direct",
      /** Why, in sentences. */
      reasons: [
        `"${context.service}" has no deploy history, so nothing argues against a direct deploy`,
      ],
    };
  }
  return {
    /** The strategy. */
    strategy: "direct",
    /** Why, in sentences. */
    reasons: [
      `no failure pattern of "${context.service}" is above the threshold ${threshold} and no dependency failed in its last deploy`,
    ],
  };
}
