/**
 * The per-service deploy lock across machines: a `coordination.k8s.io/v1` Lease
 * `nopea-<service>` in the deploy's namespace, renewed while the deploy runs, removed after it.
 * A deploy into a namespace that does not exist yet (it creates it) takes the Lease
 * `nopea-<service>.<namespace>` in `default` instead, and a deploy into an existing namespace
 * checks that one too, so two deploys of a service never run at once.
 */
import { heldLock } from "./_held_lock.ts";
import type { ClusterPort } from "../kube/mod.ts";
import { fallbackLeaseKey, LEASE_API_VERSION, leaseKey } from "./_lease.ts";
import { assertNotHeld, takeLease } from "./_take_lease.ts";
import type { DeployLock, LockPorts } from "./ports.ts";

/**
 * Starts what taking a lock needs first (the discovery of Leases, which opens the connection to
 * the API server) without waiting for it, so that it overlaps local work such as reading the
 * manifests. A failure is not reported here: `acquireLock` reports it when it asks again (so
 * bad input found meanwhile is still reported first).
 *
 * @example
 * ```ts
 * import { acquireLock, prepareLock } from "./mod.ts";
 * import { startHttpSandbox } from "../testing/mod.ts";
 * import { silentLogger } from "../shared/mod.ts";
 * await using h = await startHttpSandbox();
 * prepareLock(h.cluster); // goes out now
 * const ports = { cluster: h.cluster, clock: h.clock, log: silentLogger, identity: "me", ttlMs: 60_000 };
 * const lock = await acquireLock(ports, "web", "default", "01DEPLOY");
 * await lock.release();
 * ```
 */
export function prepareLock(cluster: ClusterPort): void {
  try {
    cluster.discover(LEASE_API_VERSION, "Lease").catch(() => {});
  } catch {
    // A cluster that cannot even be built (a bad kubeconfig) is reported by `acquireLock` too.
  }
}

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
