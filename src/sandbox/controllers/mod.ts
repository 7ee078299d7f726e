/**
 * @module
 * The sandbox's simulated controllers: Deployments, ReplicaSets, StatefulSets,
 * DaemonSets, Jobs and a kubelet that makes pods ready or fail by image rules,
 * LoadBalancer Services, claims, and KULTA Rollouts. Pure: they see the store
 * only through `ControllerApi`, take time only from its clock and scheduler,
 * and never touch `Deno.*`, timers or the network.
 */
export { type Controllers, startControllers } from "./start_controllers.ts";
export { type ControllerOptions, DEFAULT_FAILURE_RULES, type FailureRule } from "./options.ts";
