/**
 * Writing chunks: each at the first free number above the head, create-only (a server-side
 * apply by a field manager no other writer uses, so an existing chunk conflicts and is never
 * changed), then the head is moved up to it.
 */
import type { ClusterPort } from "../kube/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { chunkObject, packChunks, type PackedChunk } from "./chunks.ts";
import { onMemory } from "./_denied.ts";
import { advanceHead, readHead } from "./_head.ts";

/** Numbers tried past the head before giving up (each taken one is a rival's chunk). */
const MAX_PROBES = 10_000;

function isCode(error: unknown, code: string): boolean {
  return isNopeaError(error) && error.code === code;
}

/** Creates the memory namespace (the first write into a cluster does). */
export async function ensureNamespace(cluster: ClusterPort, namespace: string): Promise<void> {
  const body = { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } };
  await onMemory("create", namespace, () => cluster.apply(body, { fieldManager: "nopea" }));
}

/** Creates one chunk at the first free number after `after`; returns its number. */
async function createChunk(
  cluster: ClusterPort,
  namespace: string,
  packed: PackedChunk,
  after: number,
  writer: string,
): Promise<number> {
  let createdNamespace = false;
  for (let seq = after + 1; seq <= after + MAX_PROBES; seq++) {
    try {
      const chunk = chunkObject(namespace, seq, packed);
      await onMemory(
        "create",
        namespace,
        () => cluster.apply(chunk, { fieldManager: writer, force: false }),
      );
      return seq;
    } catch (error) {
      if (isCode(error, "KUBE_NOT_FOUND") && !createdNamespace) {
        await ensureNamespace(cluster, namespace);
        createdNamespace = true;
        seq--;
        continue;
      }
      if (!isCode(error, "KUBE_CONFLICT")) throw error;
    }
  }
  throw new NopeaError(
    "KUBE_CONFLICT",
    `Cannot write memory: chunks ${after + 1} to ${after + MAX_PROBES} are all taken`,
    {
      hint: "Run `nopea memory sync` again; if it persists, run `nopea memory prune`",
    },
  );
}

/**
 * Writes `lines` as new chunks and moves the head; returns how many chunks were written. A chunk that
 * landed on a number a compaction had already passed (a writer that read an old head) is
 * written again above the head, so no reader misses it.
 */
export async function writeChunks(
  cluster: ClusterPort,
  namespace: string,
  lines: readonly string[],
  writer: string,
): Promise<number> {
  let head = await onMemory("get", namespace, () => readHead(cluster, namespace));
  const chunks = packChunks(lines);
  for (const group of chunks) {
    let seq = await createChunk(cluster, namespace, group, head.seq, writer);
    head = await onMemory(
      "patch",
      namespace,
      () => advanceHead(cluster, namespace, { seq, floor: 0 }, writer),
    );
    while (seq <= head.floor) {
      seq = await createChunk(cluster, namespace, group, head.seq, writer);
      head = await onMemory(
        "patch",
        namespace,
        () => advanceHead(cluster, namespace, { seq, floor: 0 }, writer),
      );
    }
  }
  return chunks.length;
}
