/**
 * @module
 * Strategies: choosing how a deploy rolls out (`selectStrategy`, pure) and, later,
 * the direct / canary / blue-green planners. Nothing here does I/O: it reads a
 * memory context and returns values.
 */
export {
  DEFAULT_CANARY_THRESHOLD,
  type FailureRateFacts,
  selectStrategy,
  type SelectStrategyOptions,
  type Strategy,
  type StrategyChoice,
  type StrategyContext,
  type StrategySpec,
} from "./select_strategy.ts";
export { type CanaryStep, DEFAULT_CANARY_STEPS, parseCanarySteps } from "./canary_steps.ts";
export {
  KULTA_API_VERSION,
  planRollout,
  type ProgressiveStrategy,
  ROLLOUT_TYPE_LABEL,
  type RolloutAnalysis,
  type RolloutMetric,
  type RolloutPlan,
  type RolloutPlanOptions,
  workloadOf,
} from "./rollout_plan.ts";
