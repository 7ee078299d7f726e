/**
 * Compaction of the cluster store: every chunk rewritten into as few as fit, dropping what is
 * past retention. The merged chunks are written first, then the head's floor moves past the old
 * ones, then they go; manifest sets no kept occurrence names go last.
 */
import type { ClusterPort } from "../kube/mod.ts";
import type { Occurrence } from "../occurrences/mod.ts";
import { chunkName, chunkOccurrences, configMapKey } from "./chunks.ts";
import { onMemory } from "./_denied.ts";
import { advanceHead } from "./_head.ts";
import { pruneManifestSets } from "./_manifest_sets.ts";
import { listChunks } from "./_read_chunks.ts";
import { writeChunks } from "./_write_chunks.ts";
import { keptOccurrences, uniqueByTime } from "./retention.ts";
import type { ClusterCompactReport, ClusterRetention } from "./types.ts";

function manifestsHashOf(occurrence: Occurrence): string | undefined {
  const record = occurrence.data?.["record"] as { manifestsHash?: unknown } | undefined;
  return typeof record?.manifestsHash === "string" ? record.manifestsHash : undefined;
}

/** Compacts the chunks in `namespace` as `writer`; a dry run only reports. */
export async function compactChunks(
  cluster: ClusterPort,
  namespace: string,
  retention: ClusterRetention,
  writer: string,
): Promise<ClusterCompactReport> {
  const chunks = await listChunks(cluster, namespace);
  const all = uniqueByTime([...chunks.values()].flatMap((c) => chunkOccurrences(c)));
  const kept = keptOccurrences(all, retention);
  const report = {
    chunksBefore: chunks.size,
    chunksAfter: chunks.size,
    occurrences: all.length - kept.length,
    occurrencesKept: kept.length,
    dryRun: retention.dryRun ?? false,
  };
  if (report.dryRun || (chunks.size <= 1 && report.occurrences === 0)) return report;
  const lines = kept.map((o) => JSON.stringify(o));
  const written = await writeChunks(cluster, namespace, lines, writer);
  const floor = Math.max(...chunks.keys());
  await onMemory(
    "patch",
    namespace,
    () => advanceHead(cluster, namespace, { seq: 0, floor }, writer),
  );
  await Promise.all(
    [...chunks.keys()].map((seq) =>
      onMemory("delete", namespace, () => cluster.delete(configMapKey(namespace, chunkName(seq))))
    ),
  );
  const named = kept.map(manifestsHashOf).filter((h): h is string => h !== undefined);
  await pruneManifestSets(cluster, namespace, new Set(named));
  return { ...report, chunksAfter: written };
}
