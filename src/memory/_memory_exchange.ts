/** The memory export document (whole or streamed) and its import, merged by occurrence id. */
import { type Clock, NopeaError } from "../shared/mod.ts";
import type { DeployOccurrence } from "../occurrences/mod.ts";
import { parseDeployRecord } from "../deploys/mod.ts";
import { isDeployOccurrence } from "./replay.ts";
import type { MemoryStore } from "./store.ts";
import type { MemoryExport } from "./_memory_types.ts";

function parseImport(data: unknown): DeployOccurrence[] {
  const items = Array.isArray(data)
    ? data
    : (data as { occurrences?: unknown } | null)?.occurrences;
  if (!Array.isArray(items)) {
    throw new NopeaError(
      "SPEC_INVALID",
      'Cannot import memory: expected an export with an "occurrences" array',
      {
        hint: "Pass the output of `nopea memory export`",
      },
    );
  }
  return items.map((item, i) => {
    if (!isDeployOccurrence(item)) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot import memory: item ${i} is not a Nopea deploy occurrence`,
        {
          hint: "Pass the output of `nopea memory export`",
        },
      );
    }
    parseDeployRecord(item.data.record, `of import item ${i}`);
    return item;
  });
}

/** The whole occurrence log as the export document. */
export async function exportMemory(store: MemoryStore, clock: Clock): Promise<MemoryExport> {
  return {
    format: "nopea-memory",
    version: 1,
    exportedAt: new Date(clock.now()).toISOString(),
    occurrences: await store.occurrences(),
  };
}

/** Writes the export document one occurrence at a time. */
export async function exportMemoryTo(
  store: MemoryStore,
  clock: Clock,
  write: (chunk: string) => void,
): Promise<void> {
  const exportedAt = new Date(clock.now()).toISOString();
  write(`{"format":"nopea-memory","version":1,"exportedAt":"${exportedAt}","occurrences":[`);
  let first = true;
  await store.eachOccurrence((occurrence) => {
    write(`${first ? "\n" : ",\n"}${JSON.stringify(occurrence)}`);
    first = false;
  });
  write("\n]}\n");
}

/** Merges the occurrences of an export by id; returns how many were new. */
export async function importMemory(store: MemoryStore, data: unknown): Promise<number> {
  const incoming = parseImport(data);
  const known = new Set((await store.occurrences()).map((o) => o.id));
  const added = incoming.filter((occ) => !known.has(occ.id) && known.add(occ.id));
  await store.recordAll(added);
  return added.length;
}
