/** unlock: removes the deploy lock of a service, refusing a fresh one unless forced. */
import { isDns1123Label } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { heldError, isFresh, leaseKey, viewOf } from "./_lease.ts";
import type { LockPorts } from "./ports.ts";

/** What `unlock` did. */
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
 * Removes the deploy lock of a service. A fresh Lease (a deploy that may still run) is removed
 * only with `force`; otherwise `DEPLOY_IN_PROGRESS` names its holder. Only the Lease as read is
 * deleted: one another deploy took in the meantime is left, and refused with its holder.
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
      `Invalid service name "${service.slice(0, 64)}": it must be a DNS-1123 label`,
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
  const { uid, resourceVersion } = live.metadata;
  const preconditions = {
    ...(typeof uid === "string" ? { uid } : {}),
    ...(typeof resourceVersion === "string" ? { resourceVersion } : {}),
  };
  try {
    const removed = await ports.cluster.delete(key, { preconditions });
    return { ...base, removed, ...(view.holder ? { holder: view.holder } : {}), fresh };
  } catch (error) {
    if (!isNopeaError(error) || error.code !== "KUBE_CONFLICT") throw error;
    const now = await ports.cluster.get(key);
    if (!now) return { ...base, removed: false };
    throw heldError(key, service, viewOf(now), "unlock");
  }
}
