/**
 * Reading chunks numbered from a cursor on: the head and the chunk at the cursor in one round
 * trip when nothing is new; a few GETs for a few new chunks; one LIST for a cold start or a
 * long way behind. A number below the head that is gone was compacted into a later chunk.
 */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { chunkName, chunkOccurrences, chunkSeq, configMapKey, MEMORY_LABEL } from "./chunks.ts";
import { onMemory } from "./_denied.ts";
import { readHead } from "./_head.ts";
import type { ChunkRead } from "./types.ts";

/** Behind by more chunks than this, one LIST is cheaper than a GET each. */
const LIST_AFTER = 16;

/** Every chunk in the namespace, by number. */
export async function listChunks(
  cluster: ClusterPort,
  namespace: string,
): Promise<Map<number, KubeObject>> {
  const items = await onMemory(
    "list",
    namespace,
    () => cluster.list("v1", "ConfigMap", { namespace, labelSelector: `${MEMORY_LABEL}=chunk` }),
  );
  const bySeq = new Map<number, KubeObject>();
  for (const item of items) {
    const seq = chunkSeq(item.metadata.name ?? "");
    if (seq !== undefined) bySeq.set(seq, item);
  }
  return bySeq;
}

function getChunk(cluster: ClusterPort, namespace: string, seq: number) {
  return onMemory("get", namespace, () => cluster.get(configMapKey(namespace, chunkName(seq))));
}

async function getRange(cluster: ClusterPort, ns: string, from: number, to: number) {
  const found = new Map<number, KubeObject>();
  const seqs = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  await Promise.all(seqs.map(async (seq) => {
    const chunk = await getChunk(cluster, ns, seq);
    if (chunk) found.set(seq, chunk);
  }));
  return found;
}

/** Reads every chunk numbered `cursor` or more, and the cursor after them. */
export async function readChunksSince(
  cluster: ClusterPort,
  namespace: string,
  since: { cursor: number; headUid?: string | undefined },
): Promise<ChunkRead> {
  let cursor = since.cursor;
  const [head, atCursor] = await Promise.all([
    onMemory("get", namespace, () => readHead(cluster, namespace)),
    cursor > 1 ? getChunk(cluster, namespace, cursor) : Promise.resolve(undefined),
  ]);
  const reset = cursor > 1 && head.uid !== since.headUid;
  if (reset) cursor = 1;
  const headUid = head.uid;
  if (head.seq < cursor && !atCursor && cursor > 1) {
    return { occurrences: [], cursor, chunks: 0, headUid, reset };
  }
  const found = cursor <= 1 || head.seq - cursor >= LIST_AFTER
    ? new Map([...await listChunks(cluster, namespace)].filter(([seq]) => seq >= cursor))
    : await getRange(cluster, namespace, cursor, head.seq);
  let last = Math.max(head.seq, cursor - 1, ...found.keys());
  // Chunks past the head: a writer that has not moved the head yet.
  for (let probe = await getChunk(cluster, namespace, last + 1); probe; last++) {
    found.set(last + 1, probe);
    probe = await getChunk(cluster, namespace, last + 2);
  }
  const ordered = [...found.entries()].sort(([a], [b]) => a - b);
  return {
    occurrences: ordered.flatMap(([, chunk]) => chunkOccurrences(chunk)),
    cursor: last + 1,
    chunks: ordered.length,
    headUid,
    reset,
  };
}
