/**
 * The per-service deploy lock across machines: a `coordination.k8s.io/v1` Lease
 * `nopea-<service>` in the deploy's namespace, renewed while the deploy runs, removed after it.
 * A deploy into a namespace that does not exist yet (it creates it) takes the Lease
 * `nopea-<service>.<namespace>` in `default` instead, and a deploy into an existing namespace
 * checks that one too, so two deploys of a service never run at once.
 */
import { heldLock } from "./_held_lock.ts";
import { fallbackLeaseKey, leaseKey } from "./_lease.ts";
import { assertNotHeld, takeLease } from "./_take_lease.ts";
import type { DeployLock, LockPorts } from "./ports.ts";

const NO_LOCK: DeployLock = {
  holder: undefined,
  renew: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

/**
 * Takes the deploy lock of `service` in `namespace` for `deployId`. A Lease held by someone else
 * and renewed within its duration refuses with `DEPLOY_IN_PROGRESS`; an expired one is taken
 * over. When neither the namespace nor `default` exists, no Lease can be taken: the deploy goes
 * on unlocked and a warning is logged.
 */
export async function acquireLock(
  ports: LockPorts,
  service: string,
  namespace: string,
  deployId: string,
): Promise<DeployLock> {
  const holder = `${ports.identity}/${deployId}`;
  const primary = leaseKey(service, namespace);
  const fallback = fallbackLeaseKey(service, namespace);
  // The fallback Lease is checked while the primary one is taken: one round trip fewer.
  const [taken, fallbackFree] = await Promise.allSettled([
    takeLease(ports, primary, holder, service),
    assertNotHeld(ports, fallback, holder, service),
  ]);
  if (taken.status === "rejected") throw taken.reason;
  if (taken.value) {
    const lock = heldLock(ports, primary, holder, taken.value);
    if (fallbackFree.status === "rejected") {
      await lock.release();
      throw fallbackFree.reason;
    }
    return lock;
  }
  const onFallback = await takeLease(ports, fallback, holder, service);
  if (onFallback) return heldLock(ports, fallback, holder, onFallback);
  ports.log.log("warn", "no deploy lock taken: neither the namespace nor default exists", {
    service,
    namespace,
  });
  return NO_LOCK;
}
