/**
 * The context index (`context-index.ndjson`, written beside every snapshot): one line per
 * service holding all `contextOf` reads of it — its history, its `failed_with` and
 * `depends_on` relationships, the dependency edges into it, the last telling deploy of every
 * service linked to it. A fresh process answers `context` from one line instead of the whole
 * graph. Pure.
 */
import type { DeployRecord } from "../deploys/mod.ts";
import {
  graphFromJson,
  incomingEdges,
  nodeId,
  outgoingEdges,
  type RelationshipJson,
  relationshipJson,
} from "./graph/mod.ts";
import { telling } from "./context.ts";
import { positionOf, type SnapshotPosition } from "./snapshot.ts";
import { serviceJsonText } from "./snapshot_text.ts";
import { emptyState, type MemoryState, newServiceState, type ServiceState } from "./state.ts";

/** The index format this code writes and reads (another version is not read: `load()` is used). */
export const CONTEXT_INDEX_VERSION = 1;

/** The first line of the index: where in the log it stands. */
export interface ContextIndexHeader {
  version: number;
  occurrences: SnapshotPosition;
  clock: number;
}

/** One service's line. */
interface ServiceLine {
  service: string;
  state: ServiceState | null;
  relationships: RelationshipJson[];
  linked: Record<string, DeployRecord>;
}

/** The text of each service's line, with what it was made of: written again only after a change. */
const lines = new WeakMap<MemoryState, Map<string, { parts: unknown[]; text: string }>>();

function sameParts(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function lineOf(state: MemoryState, name: string): string {
  const id = nodeId("service", name);
  const g = state.graph;
  const edges = [
    ...outgoingEdges(g, id, "failed_with"),
    ...outgoingEdges(g, id, "depends_on"),
    ...incomingEdges(g, id, "depends_on"),
  ];
  const linked: Record<string, DeployRecord> = {};
  for (const e of edges) {
    if (e.relation !== "depends_on") continue;
    const other = e.source === id ? e.targetName : e.sourceName;
    const last = state.services.get(other)?.recent.findLast(telling);
    if (last && other !== name) linked[other] = last;
  }
  const s = state.services.get(name);
  // What the line is made of; every change of an edge moves its observations or its time.
  const parts: unknown[] = [s?.recent.at(-1), ...Object.values(linked)];
  for (const e of edges) parts.push(e, e.observations, e.touchedAt, e.weight);
  let cache = lines.get(state);
  if (!cache) lines.set(state, cache = new Map());
  const hit = cache.get(name);
  if (hit && sameParts(hit.parts, parts)) return hit.text;
  const text = `{"service":${JSON.stringify(name)},"state":${s ? serviceJsonText(s) : "null"},` +
    `"relationships":${JSON.stringify(edges.map((e) => relationshipJson(e, e.weight)))},` +
    `"linked":${JSON.stringify(linked)}}`;
  cache.set(name, { parts, text });
  return text;
}

/** The index of `state` as text: a header line, then one line per service (known or depended on). */
export function contextIndexText(state: MemoryState): string {
  const names = new Set(state.services.keys());
  for (const rel of state.graph.relationships.values()) {
    if (rel.relation === "depends_on") names.add(rel.targetName).add(rel.sourceName);
  }
  const header: ContextIndexHeader = {
    version: CONTEXT_INDEX_VERSION,
    occurrences: positionOf(state),
    clock: state.clock,
  };
  const out = [JSON.stringify(header)];
  for (const name of names) out.push(lineOf(state, name));
  return `${out.join("\n")}\n`;
}

/** The header of an index text, or `undefined` when it is not one this code reads. */
export function contextIndexHeader(text: string): ContextIndexHeader | undefined {
  const header = JSON.parse(text.slice(0, text.indexOf("\n"))) as ContextIndexHeader;
  const p = header?.occurrences;
  if (header?.version !== CONTEXT_INDEX_VERSION || typeof p !== "object" || p === null) {
    return undefined;
  }
  return Number.isInteger(p.offset) && Number.isInteger(header.clock) ? header : undefined;
}

/**
 * The state `contextOf(state, service, …)` reads, from an index text and its header: the
 * same context as the whole state gives (nothing else in it is complete).
 */
export function contextStateFromIndex(
  text: string,
  header: ContextIndexHeader,
  service: string,
): MemoryState {
  const state = emptyState();
  const p = header.occurrences;
  Object.assign(state, {
    clock: header.clock,
    offset: p.offset,
    lines: p.lines,
    covered: p.covered,
    compacted: p.compacted,
    occurrences: p.count,
    ...(p.head === null ? {} : { head: p.head }),
  });
  const at = text.indexOf(`\n{"service":${JSON.stringify(service)},`);
  if (at < 0) return state;
  const end = text.indexOf("\n", at + 1);
  const line = JSON.parse(text.slice(at + 1, end < 0 ? undefined : end)) as ServiceLine;
  state.graph = graphFromJson({ nodes: [], relationships: line.relationships });
  for (const [name, last] of Object.entries(line.linked)) {
    state.services.set(name, { ...newServiceState(name), recent: [last] });
  }
  if (line.state) state.services.set(service, line.state);
  return state;
}
