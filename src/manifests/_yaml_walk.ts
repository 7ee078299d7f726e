// One pass over a parsed YAML document that finds what has no JSON form: aliases to their own
// ancestor (an infinite value), NaN and infinities, binary and set values, collection keys.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";

/** A node that cannot become JSON, at its offset in the text. */
export interface NodeFault {
  readonly offset: number;
  readonly problem: string;
  readonly hint: string;
}

const NOT_JSON_TAGS: Readonly<Record<string, string>> = {
  "tag:yaml.org,2002:set": "!!set",
  "tag:yaml.org,2002:omap": "!!omap",
  "tag:yaml.org,2002:pairs": "!!pairs",
};

interface Walk {
  readonly anchors: Map<string, unknown>;
  readonly ancestors: Set<unknown>;
  readonly faults: NodeFault[];
  readonly maxDepth: number;
}

function add(walk: Walk, node: unknown, problem: string, hint: string): void {
  walk.faults.push({ offset: (node as Node).range?.[0] ?? 0, problem, hint });
}

function checkScalar(walk: Walk, node: { value: unknown; source?: string }): void {
  const value = node.value;
  if (typeof value === "number" && !Number.isFinite(value)) {
    add(
      walk,
      node,
      `the value ${node.source ?? String(value)} (${value}) has no JSON form`,
      'Use a finite number, or quote it to make a string (".nan")',
    );
  } else if (value instanceof Uint8Array) {
    add(
      walk,
      node,
      "a !!binary value has no JSON form",
      "Write the base64 text as a plain string (Secret data and ConfigMap binaryData are base64 already)",
    );
  }
}

function checkAlias(walk: Walk, node: { source: string }): unknown {
  const target = walk.anchors.get(node.source);
  if (target === undefined) {
    add(
      walk,
      node,
      `alias *${node.source} refers to no anchor &${node.source} before it`,
      "Define the anchor (&name) before every alias (*name) that repeats it",
    );
  } else if (walk.ancestors.has(target)) {
    add(
      walk,
      node,
      `alias *${node.source} is inside its own anchor &${node.source}: the value would be infinite (circular)`,
      "An alias can only repeat a node that is complete before it; copy the content instead",
    );
  }
  return target;
}

function visit(walk: Walk, node: unknown): void {
  if (walk.faults.length > 0 || node === null || node === undefined) return;
  if (isAlias(node)) {
    checkAlias(walk, node);
    return;
  }
  const anchor = (node as Node).anchor;
  if (anchor !== undefined) walk.anchors.set(anchor, node);
  if (isScalar(node)) return checkScalar(walk, node);
  if (!isMap(node) && !isSeq(node)) return;
  const tag = NOT_JSON_TAGS[node.tag ?? ""];
  if (tag !== undefined) {
    return add(walk, node, `a ${tag} value has no JSON form`, "Write it as a plain list or map");
  }
  if (walk.ancestors.size >= walk.maxDepth) {
    return add(
      walk,
      node,
      `the document nests deeper than ${walk.maxDepth} levels`,
      "Flatten the structure; no Kubernetes object nests this deep",
    );
  }
  walk.ancestors.add(node);
  for (const item of node.items) {
    if (!isPair(item)) {
      visit(walk, item);
      continue;
    }
    const key = isAlias(item.key) ? checkAlias(walk, item.key) : item.key;
    if (isMap(key) || isSeq(key)) {
      add(
        walk,
        item.key,
        "a map key must be a string, not a list or a map",
        "Use plain string keys",
      );
    }
    if (!isAlias(item.key)) visit(walk, item.key);
    visit(walk, item.value);
  }
  walk.ancestors.delete(node);
}

/** The first node of `root` that cannot become JSON, if any. */
export function firstNodeFault(root: unknown, maxDepth: number): NodeFault | undefined {
  const walk: Walk = { anchors: new Map(), ancestors: new Set(), faults: [], maxDepth };
  visit(walk, root);
  return walk.faults[0];
}
