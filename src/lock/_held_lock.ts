/** A taken Lease as a DeployLock: renewed at the deploy's progress points, released at its end. */
import type { ResourceKey } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { microTime, viewOf } from "./_lease.ts";
import type { DeployLock, LockPorts } from "./ports.ts";

/** The lock of `holder` on the Lease `key`, taken just now. */
export function heldLock(ports: LockPorts, key: ResourceKey, holder: string): DeployLock {
  const { cluster, clock, log } = ports;
  let renewedAt = clock.now();
  let lost = false;
  const warn = (message: string, error?: unknown) =>
    log.log("warn", message, {
      lease: key.name,
      namespace: key.namespace,
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
        if (!current || viewOf(current).holder !== holder) return;
        // Only the Lease as read: if another deploy took it since, the server refuses (409).
        const { uid, resourceVersion } = current.metadata;
        await cluster.delete(key, {
          preconditions: {
            ...(typeof uid === "string" ? { uid } : {}),
            ...(typeof resourceVersion === "string" ? { resourceVersion } : {}),
          },
        });
      } catch (error) {
        warn("releasing the deploy lock failed; it expires by itself", error);
      }
    },
  };
}
