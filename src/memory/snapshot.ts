/** The `graph.json` snapshot: state ↔ versioned JSON, with migration of older versions. Pure. */
import { NopeaError } from "../shared/mod.ts";
import { graphFromJson, graphToJson, type NodeJson, type RelationshipJson } from "./graph/mod.ts";
import type { DeployWindow, MemoryState, ServiceState } from "./state.ts";

/** The snapshot version this code writes. */
export const SNAPSHOT_VERSION = 3;

/** Where the snapshot stands in the occurrence log. */
export interface SnapshotPosition {
  /** Bytes of the log consumed. */
  offset: number;
  /** Lines of the log consumed. */
  lines: number;
  /** Deploy occurrences learned from, including those a compaction dropped from the log. */
  count: number;
  /** Id of the log's first line (`null`: not known, or the log was empty). */
  head: string | null;
  /** Lines at the start of the log its checkpoint accounts for. */
  covered: number;
  /** `lines` at the last compaction. */
  compacted: number;
}

/** The snapshot (version 3). */
export interface SnapshotJson {
  version: 3;
  occurrences: SnapshotPosition;
  /** The log clock, ms. */
  clock: number;
  nodes: NodeJson[];
  relationships: RelationshipJson[];
  services: Record<string, ServiceState>;
  evicted: string[];
  windows: DeployWindow[];
}

/** Where the state stands in the log, as the snapshot says it. */
export function positionOf(state: MemoryState): SnapshotPosition {
  return {
    offset: state.offset,
    lines: state.lines,
    count: state.occurrences,
    head: state.head ?? null,
    covered: state.covered,
    compacted: state.compacted,
  };
}

/** The state as a snapshot. */
export function stateToSnapshot(state: MemoryState): SnapshotJson {
  return {
    version: SNAPSHOT_VERSION,
    occurrences: positionOf(state),
    clock: state.clock,
    ...graphToJson(state.graph),
    services: Object.fromEntries(state.services),
    evicted: [...state.evicted],
    windows: state.windows,
  };
}

type Json = Record<string, unknown>;

/** Version 1 kept the offset at the top level and decay anchors as `touched` (ms). */
function fromV1(v1: Json): Json {
  const anchor = (e: Json) => {
    const { touched, ...rest } = e;
    return { ...rest, touched_at: new Date(Number(touched)).toISOString() };
  };
  const { offset, lines, count, nodes, relationships, ...rest } = v1;
  return {
    ...rest,
    version: 2,
    occurrences: { offset, lines, count },
    nodes: (nodes as Json[]).map(anchor),
    relationships: (relationships as Json[]).map(anchor),
  };
}

/** Version 2 did not know the log's head nor compaction. */
function fromV2(v2: Json): Json {
  const position = { head: null, covered: 0, compacted: 0, ...(v2["occurrences"] as Json) };
  return { ...v2, version: 3, occurrences: position };
}

const MIGRATIONS: Readonly<Record<number, (old: Json) => Json>> = { 1: fromV1, 2: fromV2 };

function invalid(where: string, what: string, cause?: unknown): NopeaError {
  return new NopeaError("MEMORY_CORRUPT", `Cannot load the memory snapshot "${where}": ${what}`, {
    hint: `Delete "${where}"; it is rebuilt from the occurrence log`,
    cause,
  });
}

/**
 * Reads a snapshot of any known version into a state, migrating older versions.
 *
 * @throws {NopeaError} `MEMORY_VERSION` for a newer version (never overwritten);
 *   `MEMORY_CORRUPT` when the shape is wrong (callers rebuild from the log).
 */
export function snapshotToState(value: unknown, where: string): MemoryState {
  if (typeof value !== "object" || value === null) throw invalid(where, "not a JSON object");
  let json = value as Json;
  const version = json["version"];
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw invalid(where, `version "${String(version)}" is not a positive integer`);
  }
  if (version > SNAPSHOT_VERSION) {
    throw new NopeaError(
      "MEMORY_VERSION",
      `Cannot load the memory snapshot "${where}": it is version ${version}, this Nopea reads up to ${SNAPSHOT_VERSION}`,
      {
        hint: "Upgrade Nopea; the snapshot is left untouched",
        details: { version, supported: SNAPSHOT_VERSION },
      },
    );
  }
  try {
    for (let v = version; v < SNAPSHOT_VERSION; v++) {
      json = (MIGRATIONS[v] as (o: Json) => Json)(json);
    }
    const s = json as unknown as SnapshotJson;
    const { offset, lines, count, head, covered, compacted } = s.occurrences;
    const counters = [offset, lines, count, covered, compacted, s.clock];
    if (!counters.every((n) => Number.isInteger(n) && n >= 0)) throw new TypeError("bad counters");
    if (head !== null && typeof head !== "string") throw new TypeError("bad head");
    for (const svc of Object.values(s.services)) {
      if (!Array.isArray(svc.recent) || !Array.isArray(svc.manifests)) {
        throw new TypeError("bad service");
      }
    }
    return {
      graph: graphFromJson({ nodes: s.nodes, relationships: s.relationships }),
      services: new Map(Object.entries(s.services)),
      clock: s.clock,
      offset,
      lines,
      ...(head === null ? {} : { head }),
      covered,
      compacted,
      occurrences: count,
      evicted: new Set(s.evicted),
      windows: s.windows,
    };
  } catch (cause) {
    throw invalid(where, "its content does not have the expected shape", cause);
  }
}
