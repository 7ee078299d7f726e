/**
 * Manifest sets in the cluster, so a rollback on any machine finds the manifests another
 * machine deployed: one ConfigMap per set, named by its content hash (so writing it twice, from
 * anywhere, is the same write), gzipped in `binaryData`.
 */
import { Buffer } from "node:buffer";
import { gunzipSync, gzipSync } from "node:zlib";
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { CHUNK_MAX_BYTES, configMapKey, MEMORY_LABEL } from "./chunks.ts";
import { onMemory } from "./_denied.ts";
import { ensureNamespace } from "./_write_chunks.ts";

const PREFIX = "nopea-manifests-";
const DATA_KEY = "manifests.json.gz";
/** Sets younger than this (by the server's clock) are never pruned: their deploy may be pushing. */
const PRUNE_AFTER_MS = 10 * 60_000;

function isCode(error: unknown, code: string): boolean {
  return isNopeaError(error) && error.code === code;
}

function setName(hash: string): string | undefined {
  return /^[0-9a-f]{64}$/.test(hash) ? PREFIX + hash : undefined;
}

/** Writes the set `hash` unless it is too large for one object; returns whether it is stored. */
export async function writeManifestSet(
  cluster: ClusterPort,
  namespace: string,
  hash: string,
  objects: readonly KubeObject[],
): Promise<boolean> {
  const name = setName(hash);
  const data = Buffer.from(gzipSync(JSON.stringify(objects))).toString("base64");
  if (!name || data.length > CHUNK_MAX_BYTES) return false;
  const labels = { "app.kubernetes.io/managed-by": "nopea", [MEMORY_LABEL]: "manifests" };
  const body = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, labels },
    binaryData: { [DATA_KEY]: data },
  };
  const apply = () =>
    onMemory(
      "create",
      namespace,
      () => cluster.apply(body, { fieldManager: "nopea-memory", force: false }),
    );
  try {
    await apply().catch(async (error) => {
      if (!isCode(error, "KUBE_NOT_FOUND")) throw error;
      await ensureNamespace(cluster, namespace);
      await apply();
    });
  } catch (error) {
    // Same name, same content: a rival wrote it first.
    if (!isCode(error, "KUBE_CONFLICT")) throw error;
  }
  return true;
}

/** The set `hash`, or `undefined` when the cluster does not hold it. */
export async function readManifestSet(
  cluster: ClusterPort,
  namespace: string,
  hash: string,
): Promise<KubeObject[] | undefined> {
  const name = setName(hash);
  if (!name) return undefined;
  const live = await onMemory("get", namespace, () => cluster.get(configMapKey(namespace, name)));
  const data = (live?.["binaryData"] as Record<string, unknown> | undefined)?.[DATA_KEY];
  if (typeof data !== "string") return undefined;
  try {
    return JSON.parse(gunzipSync(Buffer.from(data, "base64")).toString("utf8")) as KubeObject[];
  } catch {
    return undefined;
  }
}

/** Deletes the sets no kept occurrence names, except those written in the last minutes. */
export async function pruneManifestSets(
  cluster: ClusterPort,
  namespace: string,
  keep: ReadonlySet<string>,
): Promise<number> {
  const sets = await onMemory(
    "list",
    namespace,
    () =>
      cluster.list("v1", "ConfigMap", { namespace, labelSelector: `${MEMORY_LABEL}=manifests` }),
  );
  const created = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? "") || 0;
  const newest = Math.max(0, ...sets.map(created));
  const gone = sets.filter((set) =>
    !keep.has((set.metadata.name ?? "").slice(PREFIX.length)) &&
    created(set) < newest - PRUNE_AFTER_MS
  );
  await Promise.all(
    gone.map((set) =>
      onMemory(
        "delete",
        namespace,
        () => cluster.delete(configMapKey(namespace, set.metadata.name ?? "")),
      )
    ),
  );
  return gone.length;
}
