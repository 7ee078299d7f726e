/**
 * @module
 * Strategies: choosing how a deploy rolls out (`selectStrategy`, pure) and, later,
 * the direct / canary / blue-green planners. Nothing here does I/O: it reads a
 * memory context and returns values.
 */
export {
  DEFAULT_CANARY_THRESHOLD,
  selectStrategy,
  type SelectStrategyOptions,
  type Strategy,
  type StrategyChoice,
  type StrategyContext,
  type StrategySpec,
} from "./select_strategy.ts";
