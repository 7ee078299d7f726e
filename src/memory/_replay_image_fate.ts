/**
 * The fate of an image's node in the graph, worked out from the mentions of the image a replay
 * has received but not learned yet: the same arithmetic `upsertNode`, `upsertRelationship` and
 * `pruneGraph` do, on two numbers per node and edge instead of graph objects. Pure.
 */
import { decayed, ewma, INITIAL_WEIGHT, NODE_DEATH, RELATIONSHIP_DEATH } from "./graph/mod.ts";

/** A mention of an image: the entry's sequence number, time, service, and confidence of its edge. */
export interface Touch {
  seq: number;
  time: number;
  service: string;
  confidence: number;
}

/** An image's node or edge as the graph would hold it: a value as of a time. */
interface Weighted {
  value: number;
  at: number;
}

/** Moves `w` as `upsertNode`/`upsertRelationship` would: anew below `death`, else by EWMA. */
function observe(w: Weighted, time: number, confidence: number, death: number): void {
  const current = decayed(w.value, w.at, time);
  w.value = current < death ? INITIAL_WEIGHT : ewma(current, confidence);
  w.at = time;
}

/** Whether a prune at `time` drops the node: it and every edge into it decayed away. */
function dropped(node: Weighted, edges: Weighted[], time: number): boolean {
  if (decayed(node.value, node.at, time) >= NODE_DEATH) return false;
  for (const e of edges) if (decayed(e.value, e.at, time) >= RELATIONSHIP_DEATH) return false;
  return true;
}

/** Where and when the graph is pruned, as far as entries were received. */
export interface Prunes {
  /** The first entry at or after `seq` after which the graph is pruned. */
  from(seq: number): number;
  /** The entries apart two prunes are. */
  every: number;
  /** The time of the entry `seq` (received). */
  timeAt(seq: number): number;
}

/**
 * How many of `touches` (the image's mentions from one that finds its node absent, in log
 * order) come before a prune drops the node and its `runs_image` edges, none before another
 * mention; 0 when that cannot be seen in the `received` entries (the image must be learned).
 */
export function touchesBeforeDrop(
  touches: readonly Touch[],
  prunes: Prunes,
  received: number,
): number {
  const node: Weighted = { value: INITIAL_WEIGHT, at: 0 };
  // The `runs_image` edges into it, by service (almost always one).
  const edges: (Weighted & { service: string })[] = [];
  for (let k = 0; k < touches.length; k++) {
    const { seq, time, service, confidence } = touches[k] as Touch;
    if (k === 0) node.at = time;
    else observe(node, time, 0.5, NODE_DEATH);
    const edge = edges.find((e) => e.service === service);
    if (edge) observe(edge, time, confidence, RELATIONSHIP_DEATH);
    else edges.push({ service, value: INITIAL_WEIGHT, at: time });
    const next = Math.min(touches[k + 1]?.seq ?? received, received);
    for (let p = prunes.from(seq); p < next; p += prunes.every) {
      if (dropped(node, edges, prunes.timeAt(p))) return k + 1;
    }
  }
  return 0;
}
