/** Taking a Lease: create it when absent, take it over when expired, refuse when held. */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
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

/**
 * Creates the Lease as a manager of this holder (the common case: a released Lease is deleted).
 * `"exists"` when a Lease is there (its fields belong to another holder's manager, so the apply
 * conflicts), `undefined` when the namespace does not exist.
 */
async function create(
  ports: LockPorts,
  key: ResourceKey,
  holder: string,
): Promise<KubeObject | "exists" | undefined> {
  const spec = leaseSpec(holder, ports.ttlMs, ports.clock.now());
  const fieldManager = `nopea-lock/${holder}`.slice(0, 128);
  try {
    return await ports.cluster.apply(leaseObject(key, spec), { fieldManager, force: false });
  } catch (error) {
    // The namespace does not exist: the caller takes the lock elsewhere.
    if (isCode(error, "KUBE_NOT_FOUND")) return undefined;
    if (!isCode(error, "KUBE_CONFLICT")) throw error;
    return "exists";
  }
}

/** Takes over the Lease `live` when it is expired (or already ours); refuses when it is held. */
async function takeOver(
  ports: LockPorts,
  key: ResourceKey,
  live: KubeObject,
  holder: string,
  service: string,
): Promise<KubeObject> {
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
    return await ports.cluster.patch(key, { metadata, spec });
  } catch (error) {
    if (!isCode(error, "KUBE_CONFLICT") && !isCode(error, "KUBE_NOT_FOUND")) throw error;
    return await refuse(ports, key, service);
  }
}

/**
 * Takes `key` for `holder`: creates it (one request when it is absent), or takes over an expired
 * one (a patch that only applies to the version read, counting the transition and labelling the
 * Lease). Returns the Lease as written; throws `DEPLOY_IN_PROGRESS` when someone else holds it;
 * `undefined` when its namespace does not exist.
 */
export async function takeLease(
  ports: LockPorts,
  key: ResourceKey,
  holder: string,
  service: string,
): Promise<KubeObject | undefined> {
  const created = await create(ports, key, holder);
  if (created !== "exists") return created;
  const live = await ports.cluster.get(key);
  // Deleted between the create and the read: its holder released it; try once more.
  if (!live) {
    const again = await create(ports, key, holder);
    return again === "exists" ? await refuse(ports, key, service) : again;
  }
  return await takeOver(ports, key, live, holder, service);
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
