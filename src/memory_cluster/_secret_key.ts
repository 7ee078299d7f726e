/**
 * The Secret masking key shared through the cluster: every machine masks Secret values with the
 * same key, so a keyed hash recorded on one machine is compared with live values on another. The
 * first machine to need it proposes its own key (create-only); everyone then reads the winner's.
 */
import { Buffer } from "node:buffer";
import type { ClusterPort } from "../kube/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { MEMORY_LABEL } from "./chunks.ts";
import { onMemory } from "./_denied.ts";
import { ensureNamespace } from "./_write_chunks.ts";

const KEY_NAME = "nopea-memory-key";

function isCode(error: unknown, code: string): boolean {
  return isNopeaError(error) && error.code === code;
}

async function readKey(cluster: ClusterPort, namespace: string): Promise<Uint8Array | undefined> {
  const key = { apiVersion: "v1", kind: "Secret", namespace, name: KEY_NAME };
  const live = await onMemory("get", namespace, () => cluster.get(key));
  const text = (live?.["data"] as Record<string, unknown> | undefined)?.["key"];
  if (typeof text !== "string") return undefined;
  const bytes = new Uint8Array(Buffer.from(text, "base64"));
  return bytes.length >= 32 ? bytes : undefined;
}

/** The cluster's masking key; `proposed` becomes it when the cluster has none yet. */
export async function sharedSecretKey(
  cluster: ClusterPort,
  namespace: string,
  proposed: Uint8Array,
): Promise<Uint8Array> {
  const held = await readKey(cluster, namespace);
  if (held) return held;
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: KEY_NAME, namespace, labels: { [MEMORY_LABEL]: "key" } },
    type: "Opaque",
    data: { key: Buffer.from(proposed).toString("base64") },
  };
  const fieldManager = `nopea-memory/${crypto.randomUUID()}`;
  const create = () =>
    onMemory("create", namespace, () => cluster.apply(body, { fieldManager, force: false }));
  try {
    await create().catch(async (error) => {
      if (!isCode(error, "KUBE_NOT_FOUND")) throw error;
      await ensureNamespace(cluster, namespace);
      await create();
    });
  } catch (error) {
    // A rival proposed its key first: read the winner's.
    if (!isCode(error, "KUBE_CONFLICT")) throw error;
  }
  return (await readKey(cluster, namespace)) ?? proposed;
}
