/**
 * The head ConfigMap: the highest chunk number written (`seq`) and the highest number a
 * compaction deleted (`floor`). Only ever moved up, with resourceVersion preconditions.
 */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { configMapKey, HEAD_NAME, MEMORY_LABEL } from "./chunks.ts";

/** What the head says. */
export interface Head {
  /** The highest chunk number written (0: none yet). */
  seq: number;
  /** Chunks numbered up to this were deleted by a compaction (0: none). */
  floor: number;
  /** The head object's uid: another uid is another cluster, or memory started anew. */
  uid?: string | undefined;
}

const ATTEMPTS = 20;

function numberIn(data: Record<string, unknown> | undefined, key: string): number {
  const n = Number(data?.[key] ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function headOf(object: KubeObject | undefined): Head {
  const data = object?.["data"] as Record<string, unknown> | undefined;
  const uid = object?.metadata.uid;
  return { seq: numberIn(data, "seq"), floor: numberIn(data, "floor"), ...(uid ? { uid } : {}) };
}

function headData(head: Head): Record<string, string> {
  return { seq: String(head.seq), floor: String(head.floor) };
}

/** Reads the head; an absent head is `{ seq: 0, floor: 0 }`. */
export async function readHead(cluster: ClusterPort, namespace: string): Promise<Head> {
  return headOf(await cluster.get(configMapKey(namespace, HEAD_NAME)));
}

function isConflict(error: unknown): boolean {
  return isNopeaError(error) && (error.code === "KUBE_CONFLICT" || error.code === "KUBE_NOT_FOUND");
}

/**
 * Moves the head up to at least `to` (each field the larger of both) and returns the head as
 * stored. A rival's write in between is read again and merged, never overwritten.
 */
export async function advanceHead(
  cluster: ClusterPort,
  namespace: string,
  to: Head,
  writer: string,
): Promise<Head> {
  const key = configMapKey(namespace, HEAD_NAME);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const live = await cluster.get(key);
    const now = headOf(live);
    const next = { seq: Math.max(now.seq, to.seq), floor: Math.max(now.floor, to.floor) };
    if (live && next.seq === now.seq && next.floor === now.floor) return now;
    try {
      if (!live) {
        const metadata = { name: HEAD_NAME, namespace, labels: { [MEMORY_LABEL]: "head" } };
        const body = { apiVersion: "v1", kind: "ConfigMap", metadata, data: headData(next) };
        await cluster.apply(body, { fieldManager: writer, force: false });
      } else {
        const metadata = { resourceVersion: live.metadata.resourceVersion };
        await cluster.patch(key, { metadata, data: headData(next) });
      }
      return { ...next, ...(now.uid ? { uid: now.uid } : {}) };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new NopeaError(
    "KUBE_CONFLICT",
    `Cannot move the memory head "${namespace}/${HEAD_NAME}": it changed during ${ATTEMPTS} attempts`,
    { hint: "Many processes are writing memory at once: run `nopea memory sync` again" },
  );
}
