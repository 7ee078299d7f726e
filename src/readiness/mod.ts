/**
 * @module
 * Readiness: the rules that tell whether an applied object is ready, still
 * progressing, or failed (DESIGN §2.3), and the pod-level diagnostics that go
 * beyond kstatus. Pure: the engine fetches objects and passes them in.
 */
export { conditionOf, type Readiness, readinessOf, type ReadinessState } from "./rules.ts";
export { BLOCKING_REASONS, type PodProblem, podProblems } from "./pod_problems.ts";
