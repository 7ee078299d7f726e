/**
 * @module
 * Progressive delivery through KULTA (DESIGN §3, external-formats §1): the Rollout CRD to
 * install, reading a Rollout's status, following it with polling and backoff, and the
 * promote annotation and restart it needs. It talks to the cluster only through `ClusterPort`
 * and takes time only from the clock and sleep it is given; deploy records are the engine's.
 */
export { KULTA_CRD } from "./kulta_crd.ts";
export {
  type MonitorOptions,
  monitorRollout,
  type RolloutOutcome,
  type RolloutStop,
} from "./monitor.ts";
export { clearPromote, promoteRollout, restartRollout } from "./rollout_actions.ts";
export {
  describeRollout,
  PROMOTE_ANNOTATION,
  type RolloutView,
  rolloutViewOf,
} from "./rollout_view.ts";
export { type RolloutVerdict, rolloutVerdict, type VerdictContext } from "./verdict.ts";
