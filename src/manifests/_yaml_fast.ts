// The fast reading of a plain YAML stream: js-yaml's event parser (some 10× faster than the `yaml`
// package) for the subset both read alike — no tags, merge keys, directives, collection keys,
// non-finite numbers, flow end indicators at a line start, or anchors and aliases other than the
// simple ones of `_yaml_anchors.ts`. Anything else, and any error, returns `undefined`: the caller
// reads the text with the `yaml` package, whose values, errors and warnings are the reference
// (tests/manifests/yaml_fast_test.ts compares the two).
import {
  COLLECTION_STYLE,
  constructFromEvents,
  type Event,
  EVENT_ID,
  parseEvents,
  SCALAR_STYLE,
} from "js-yaml";
import { type AnchorUse, anchorUse, FAST_MAX_ALIASES, simpleAnchoring } from "./_yaml_anchors.ts";
import { closesAtLineStart, hasExplicitKey } from "./_yaml_flow.ts";
import { PLAIN_SCALARS_SCHEMA, resolvePlainScalar } from "./_yaml_scalars.ts";

/** One non-empty document read by the fast path. */
export interface FastDocument {
  /** 1-based position in the stream, empty documents counted. */
  readonly index: number;
  readonly value: unknown;
  /** Offset in the text where the document's content starts. */
  readonly offset: number;
  /** Where each item of the root mapping's `items` sequence starts (-1: a scalar item). */
  readonly itemOffsets: readonly number[];
}

/** Below MANIFEST_LIMITS.depth, so that a deep document gets the reference reader's fault. */
const FAST_MAX_DEPTH = 200;
/** Texts the fast path leaves alone without parsing them. */
const NOT_PLAIN_TEXT = /\t|\r(?!\n)|^%|^\.\.\./m;
/** A `]` or `}` first on its line: maybe a flow collection the reference reader warns about. */
const CLOSE_AT_LINE_START = /^[ ]*[\]}]/m;

interface Frame {
  readonly mapping: boolean;
  /** The `items` sequence of a document's root mapping. */
  readonly items: boolean;
  children: number;
  /** Whether the collection carries an anchor. */
  readonly anchored?: boolean;
  /** The last key read, when this frame is a root mapping. */
  key?: string;
}

/** Where a document's content starts, and each item of its root `items` sequence. */
interface Starts {
  /** -1 for no content, -2 for a root scalar. */
  start: number;
  items: number[];
  anchors: AnchorUse;
}

/** A merge key (`<<`), or a plain key that reads as null (`yaml` names it "", js-yaml "null"). */
function specialKey(source: string, event: Event): boolean {
  if (source === "<<") return true;
  return event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN &&
    resolvePlainScalar(source) === null;
}

/** Whether a node event can be read alike; keeps root keys and `items` starts on the way. */
function plainNode(text: string, event: Event, stack: Frame[], doc: Starts): boolean {
  if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) return false;
  const parent = stack[stack.length - 1]!;
  const key = parent.mapping && parent.children % 2 === 0;
  if (event.type === EVENT_ID.ALIAS) {
    if (key || stack.length === 1 || !simpleAnchoring(text, event, doc.anchors)) return false;
    if (parent.items) doc.items.push(-1);
    parent.children++;
    return true;
  }
  if (event.tagStart !== -1 || (key && event.anchorStart !== -1)) return false;
  if (!simpleAnchoring(text, event, doc.anchors)) return false;
  const scalar = event.type === EVENT_ID.SCALAR;
  const start = scalar ? event.valueStart : event.start;
  if (key) {
    if (!scalar) return false;
    const source = text.slice(event.valueStart, event.valueEnd);
    if (specialKey(source, event)) return false;
    if (stack.length === 2) parent.key = source;
  }
  if (stack.length === 1) doc.start = scalar ? -2 : start;
  if (parent.items) doc.items.push(scalar ? -1 : start);
  const items = stack.length === 2 && parent.mapping && parent.children % 2 === 1 &&
    parent.key === "items" && event.type === EVENT_ID.SEQUENCE;
  parent.children++;
  if (scalar) return true;
  const anchored = event.anchorStart !== -1;
  stack.push({ mapping: event.type === EVENT_ID.MAPPING, items, children: 0, anchored });
  return true;
}

/** Where each document's content (and root `items`) start, or `undefined` when not plain. */
function contentStarts(text: string, events: readonly Event[]): Starts[] | undefined {
  const docs: Starts[] = [];
  const stack: Frame[] = [];
  const closers = CLOSE_AT_LINE_START.test(text);
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      if (event.directives.length > 0) return undefined;
      stack.push({ mapping: false, items: false, children: 0 });
      docs.push({ start: -1, items: [], anchors: anchorUse() });
    } else if (event.type === EVENT_ID.POP) {
      if (stack.pop()?.anchored) docs[docs.length - 1]!.anchors.openAnchored--;
    } else {
      const doc = docs[docs.length - 1];
      if (doc === undefined || !plainNode(text, event, stack, doc)) return undefined;
      const flow = event.type !== EVENT_ID.SCALAR && event.type !== EVENT_ID.ALIAS &&
        event.style === COLLECTION_STYLE.FLOW;
      if (flow && closers && closesAtLineStart(text, event.start)) return undefined;
    }
  }
  return docs;
}

/**
 * The documents of `text` when it is plain YAML that js-yaml reads exactly as the `yaml` package
 * does (values, document numbering, no warnings), else `undefined`. A document whose root is a
 * scalar other than null also gives `undefined` (its location needs the reference reader).
 */
export function readPlainYaml(text: string): FastDocument[] | undefined {
  if (NOT_PLAIN_TEXT.test(text) || text.trimStart().startsWith("{")) return undefined;
  if (hasExplicitKey(text)) return undefined;
  try {
    const events = parseEvents(text, { maxDepth: FAST_MAX_DEPTH });
    const starts = contentStarts(text, events);
    if (starts === undefined) return undefined;
    const values = constructFromEvents(events, {
      source: text,
      schema: PLAIN_SCALARS_SCHEMA,
      maxAliases: FAST_MAX_ALIASES,
    });
    if (values.length !== starts.length) return undefined;
    const out: FastDocument[] = [];
    for (const [i, value] of values.entries()) {
      const { start = -1, items = [] } = starts[i] ?? {};
      if (value === null || value === undefined) continue;
      if (start < 0) return undefined;
      out.push({ index: i + 1, value, offset: start, itemOffsets: items });
    }
    return out;
  } catch {
    return undefined;
  }
}
