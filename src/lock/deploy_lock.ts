/**
 * The per-service deploy lock across machines (DESIGN §8): a `coordination.k8s.io/v1` Lease
 * `nopea-<service>` in the deploy's namespace, renewed while the deploy runs, removed after it.
 */
import type { ResourceKey } from "../manifests/mod.ts";
import { isDns1123Label, type KubeObject } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import type { ClusterPort } from "../kube/mod.ts";
import type { Clock, Logger } from "../shared/mod.ts";
import {
  heldError,
  isFresh,
  leaseKey,
  leaseObject,
  leaseSpec,
  microTime,
  viewOf,
} from "./_lease.ts";

/** What the deploy lock needs: the cluster, the time, a logger, and who takes locks. */
export interface LockPorts {
  /** The cluster the Leases live in. */
  cluster: ClusterPort;
  /** The time Leases are taken and renewed at. */
  clock: Clock;
  /** Where renewal and release problems are logged (they never fail a deploy). */
  log: Logger;
  /** The first part of a holder (`<identity>/<deployId>`), e.g. `<hostname>/<pid>`. */
  identity: string;
  /** How long a Lease holds without renewal; renewed every third of it. */
  ttlMs: number;
}

/** A held deploy lock. */
export interface DeployLock {
  /** Who holds it (`<lockIdentity>/<deployId>`); `undefined` when no Lease was taken. */
  readonly holder: string | undefined;
  /** Moves `renewTime` on when more than a third of the duration passed since the last renewal. */
  renew(): Promise<void>;
  /** Deletes the Lease if this deploy still holds it. Never throws. */
  release(): Promise<void>;
}

const NO_LOCK: DeployLock = {
  holder: undefined,
  renew: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

function isCode(error: unknown, code: string): boolean {
  return isNopeaError(error) && error.code === code;
}

/** Takes a Lease that is absent: apply as a manager of this holder, so a rival's apply conflicts. */
async function create(ports: LockPorts, key: ResourceKey, holder: string, service: string) {
  const spec = leaseSpec(holder, ports.ttlMs, ports.clock.now());
  const fieldManager = `nopea-lock/${holder}`.slice(0, 128);
  try {
    await ports.cluster.apply(leaseObject(key, spec), { fieldManager, force: false });
    return true;
  } catch (error) {
    // The namespace does not exist yet (a deploy that creates it): nobody can be deploying there.
    if (isCode(error, "KUBE_NOT_FOUND")) return false;
    if (!isCode(error, "KUBE_CONFLICT")) throw error;
    const now = await ports.cluster.get(key);
    throw heldError(key, service, now ? viewOf(now) : undefined, "deploy");
  }
}

/** Takes over an expired Lease (or our own): a merge patch that only applies to `live`'s version. */
async function takeOver(
  ports: LockPorts,
  key: ResourceKey,
  live: KubeObject,
  holder: string,
  service: string,
) {
  const spec = leaseSpec(holder, ports.ttlMs, ports.clock.now());
  const metadata = { resourceVersion: live.metadata.resourceVersion };
  try {
    await ports.cluster.patch(key, { metadata, spec });
  } catch (error) {
    if (!isCode(error, "KUBE_CONFLICT") && !isCode(error, "KUBE_NOT_FOUND")) throw error;
    const now = await ports.cluster.get(key);
    throw heldError(key, service, now ? viewOf(now) : undefined, "deploy");
  }
}

/**
 * Takes the deploy lock of `service` in `namespace` for `deployId`. A Lease held by someone else
 * and renewed within its duration refuses with `DEPLOY_IN_PROGRESS`; an expired one is taken
 * over. A missing namespace means no Lease (and no rival) for this deploy.
 */
export async function acquireLock(
  ports: LockPorts,
  service: string,
  namespace: string,
  deployId: string,
): Promise<DeployLock> {
  const { cluster, clock, log } = ports;
  const key = leaseKey(service, namespace);
  const holder = `${ports.identity}/${deployId}`;
  const live = await cluster.get(key);
  if (!live) {
    if (!(await create(ports, key, holder, service))) return NO_LOCK;
  } else {
    const view = viewOf(live);
    if (view.holder !== holder && isFresh(view, clock.now())) {
      throw heldError(key, service, view, "deploy");
    }
    await takeOver(ports, key, live, holder, service);
  }
  let renewedAt = clock.now();
  let lost = false;
  const warn = (message: string, error?: unknown) =>
    log.log("warn", message, {
      lease: key.name,
      namespace,
      holder,
      ...(error === undefined
        ? {}
        : { error: isNopeaError(error) ? error.message : String(error) }),
    });
  return {
    holder,
    async renew() {
      const now = clock.now();
      if (lost || now - renewedAt <= ports.ttlMs / 3) return;
      try {
        const current = await cluster.get(key);
        if (!current || viewOf(current).holder !== holder) {
          lost = true;
          return warn("the deploy lock was removed or taken by someone else");
        }
        const metadata = { resourceVersion: current.metadata.resourceVersion };
        await cluster.patch(key, { metadata, spec: { renewTime: microTime(now) } });
        renewedAt = now;
      } catch (error) {
        warn("renewing the deploy lock failed", error);
      }
    },
    async release() {
      try {
        const current = await cluster.get(key);
        if (current && viewOf(current).holder === holder) await cluster.delete(key);
      } catch (error) {
        warn("releasing the deploy lock failed; it expires by itself", error);
      }
    },
  };
}

/** What `engine.unlock` did. */
export interface UnlockResult {
  /** The service. */
  service: string;
  /** The namespace of the Lease. */
  namespace: string;
  /** The Lease's name (`nopea-<service>`). */
  lease: string;
  /** Whether a Lease was deleted; `false` when there was none. */
  removed: boolean;
  /** Who held it, when someone did. */
  holder?: string;
  /** Whether it was still renewed within its duration (removed only with `force`). */
  fresh?: boolean;
}

/**
 * Removes the deploy lock of a service. A fresh Lease (a deploy that may still
 * run) is removed only with `force`; otherwise `DEPLOY_IN_PROGRESS` names its holder.
 */
export async function unlock(
  ports: LockPorts,
  service: string,
  namespace: string,
  options: { force?: boolean } = {},
): Promise<UnlockResult> {
  if (!isDns1123Label(service)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid service name "${service}": it must be a DNS-1123 label`,
      { hint: "Pass the service's name as deployed" },
    );
  }
  const key = leaseKey(service, namespace);
  const base = { service, namespace, lease: key.name };
  const live = await ports.cluster.get(key);
  if (!live) return { ...base, removed: false };
  const view = viewOf(live);
  const fresh = isFresh(view, ports.clock.now());
  if (fresh && !options.force) throw heldError(key, service, view, "unlock");
  const removed = await ports.cluster.delete(key);
  return { ...base, removed, ...(view.holder ? { holder: view.holder } : {}), fresh };
}
