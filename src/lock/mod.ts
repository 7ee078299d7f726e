/**
 * @module
 * The per-service deploy lock across machines: a `coordination.k8s.io/v1` Lease
 * `nopea-<service>` in the deploy's namespace, taken before a deploy, renewed while it runs and
 * removed after it (only the Lease as read: a precondition on its uid and version); `unlock`
 * removes a stale one.
 */
export { acquireLock, prepareLock } from "./deploy_lock.ts";
export type { DeployLock, LockPorts } from "./ports.ts";
export { unlock, type UnlockResult } from "./unlock.ts";
