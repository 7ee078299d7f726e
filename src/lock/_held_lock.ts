/** A taken Lease as a DeployLock: renewed at the deploy's progress points, released at its end. */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { microTime, viewOf } from "./_lease.ts";
import type { DeployLock, LockPorts } from "./ports.ts";

/** Only the Lease as last written by this holder: deleting it fails if anyone wrote it since. */
function preconditionsOf(lease: KubeObject) {
  const { uid, resourceVersion } = lease.metadata;
  return {
    ...(typeof uid === "string" ? { uid } : {}),
    ...(typeof resourceVersion === "string" ? { resourceVersion } : {}),
  };
}

const isCode = (error: unknown, ...codes: string[]) =>
  isNopeaError(error) && codes.includes(error.code);

/** The lock of `holder` on the Lease `key`, taken just now (`written`: the Lease as written). */
export function heldLock(
  ports: LockPorts,
  key: ResourceKey,
  holder: string,
  written: KubeObject,
): DeployLock {
  const { cluster, clock, log } = ports;
  let renewedAt = clock.now();
  let last = written;
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
        last = await cluster.patch(key, { metadata, spec: { renewTime: microTime(now) } });
        renewedAt = now;
      } catch (error) {
        warn("renewing the deploy lock failed", error);
      }
    },
    async release() {
      try {
        // Without a read first: a Lease another deploy took since (or removed) stays as it is.
        await cluster.delete(key, { preconditions: preconditionsOf(last) });
      } catch (error) {
        if (isCode(error, "KUBE_CONFLICT", "KUBE_NOT_FOUND")) return;
        warn("releasing the deploy lock failed; it expires by itself", error);
      }
    },
  };
}
