/**
 * @module
 * Readiness: the rules that tell whether an applied object is ready, still
 * progressing, or failed (DESIGN §2.3), and the pod-level diagnostics that go
 * beyond kstatus (pure), and `waitReady`, which reads applied objects through the
 * cluster port until they are ready, one fails, or the deadline passes.
 */
export { conditionOf, type Readiness, readinessOf, type ReadinessState } from "./rules.ts";
export { BLOCKING_REASONS, type PodProblem, podProblems } from "./pod_problems.ts";
export {
  type ResourceProgress,
  type WaitOptions,
  type WaitOutcome,
  waitReady,
} from "./wait_ready.ts";
export { podProblemsOf } from "./_pod_diagnosis.ts";
export { answerView } from "./answer_view.ts";
