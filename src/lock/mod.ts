/**
 * @module
 * The per-service deploy lock across machines: a `coordination.k8s.io/v1` Lease
 * `nopea-<service>` in the deploy's namespace, taken before a deploy, renewed while it runs and
 * removed after it; `unlock` removes a stale one.
 */
export {
  acquireLock,
  type DeployLock,
  type LockPorts,
  unlock,
  type UnlockResult,
} from "./deploy_lock.ts";
