/** Taking a Lease: create it when absent, take it over when expired, refuse when held. */
import type { ResourceKey } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { heldError, isFresh, leaseObject, leaseSpec, viewOf } from "./_lease.ts";
import type { LockPorts } from "./ports.ts";

function isCode(error: unknown, code: string): boolean {
  return isNopeaError(error) && error.code === code;
}

async function refuse(ports: LockPorts, key: ResourceKey, service: string): Promise<never> {
  const now = await ports.cluster.get(key);
  throw heldError(key, service, now ? viewOf(now) : undefined, "deploy");
}

/** Creates an absent Lease as a manager of this holder, so a rival's create conflicts. */
async function create(ports: LockPorts, key: ResourceKey, holder: string, service: string) {
  const spec = leaseSpec(holder, ports.ttlMs, ports.clock.now());
  const fieldManager = `nopea-lock/${holder}`.slice(0, 128);
  try {
    await ports.cluster.apply(leaseObject(key, spec), { fieldManager, force: false });
    return true;
  } catch (error) {
    // The namespace does not exist: the caller takes the lock elsewhere.
    if (isCode(error, "KUBE_NOT_FOUND")) return false;
    if (!isCode(error, "KUBE_CONFLICT")) throw error;
    return await refuse(ports, key, service);
  }
}

/**
 * Takes `key` for `holder`: creates it, or takes over an expired one (a patch that only applies
 * to the version read, counting the transition and labelling the Lease). Throws
 * `DEPLOY_IN_PROGRESS` when someone else holds it; `false` when its namespace does not exist.
 */
export async function takeLease(
  ports: LockPorts,
  key: ResourceKey,
  holder: string,
  service: string,
): Promise<boolean> {
  const live = await ports.cluster.get(key);
  if (!live) return await create(ports, key, holder, service);
  const view = viewOf(live);
  if (view.holder !== holder && isFresh(view, ports.clock.now())) {
    throw heldError(key, service, view, "deploy");
  }
  const previous = live["spec"] as { leaseTransitions?: unknown } | undefined;
  const transitions = typeof previous?.leaseTransitions === "number"
    ? previous.leaseTransitions
    : 0;
  const spec = {
    ...leaseSpec(holder, ports.ttlMs, ports.clock.now()),
    ...(view.holder !== holder ? { leaseTransitions: transitions + 1 } : {}),
  };
  const metadata = {
    resourceVersion: live.metadata.resourceVersion,
    labels: leaseObject(key, {}).metadata.labels,
  };
  try {
    await ports.cluster.patch(key, { metadata, spec });
    return true;
  } catch (error) {
    if (!isCode(error, "KUBE_CONFLICT") && !isCode(error, "KUBE_NOT_FOUND")) throw error;
    return await refuse(ports, key, service);
  }
}

/** Refuses when someone else holds `key` fresh; a missing or expired Lease is fine. */
export async function assertNotHeld(
  ports: LockPorts,
  key: ResourceKey,
  holder: string,
  service: string,
): Promise<void> {
  const live = await ports.cluster.get(key);
  if (!live) return;
  const view = viewOf(live);
  if (view.holder !== holder && isFresh(view, ports.clock.now())) {
    throw heldError(key, service, view, "deploy");
  }
}
