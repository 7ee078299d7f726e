// Anchors and aliases on the fast YAML path: read alike by js-yaml and the `yaml` package (both give
// the anchored value itself) when the use is simple. Anything else goes to the reference reader.
import { type Event, EVENT_ID } from "js-yaml";

/**
 * The `yaml` package refuses an anchor once it and its aliases number over 100 (`maxAliasCount`,
 * times the aliases inside the anchored node); the fast path takes at most this many aliases per
 * document, none inside an anchored node, so it never reaches that limit.
 */
const MAX_ALIASES = 99;

/** What one document's anchors and aliases look like so far. */
export interface AnchorUse {
  readonly names: Set<string>;
  aliases: number;
  /** Anchored collections being read (an alias inside one gives up). */
  openAnchored: number;
}

/** A document's anchor bookkeeping, empty. */
export function anchorUse(): AnchorUse {
  return { names: new Set(), aliases: 0, openAnchored: 0 };
}

/** The alias limit the fast path's constructor is given (the checks below keep well under it). */
export const FAST_MAX_ALIASES = MAX_ALIASES;

/**
 * Whether the anchor or alias of a node event (not a key) is simple: an alias, not inside an
 * anchored node, among at most 100; an anchor named once in the document. Counts an anchored
 * collection as open: the caller closes it with `closeAnchored`.
 */
export function simpleAnchoring(text: string, event: Event, use: AnchorUse): boolean {
  if (event.type === EVENT_ID.ALIAS) {
    use.aliases++;
    return use.openAnchored === 0 && use.aliases <= MAX_ALIASES;
  }
  if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) return false;
  if (event.anchorStart === -1) return true;
  const name = text.slice(event.anchorStart, event.anchorEnd);
  if (use.names.has(name)) return false;
  use.names.add(name);
  if (event.type !== EVENT_ID.SCALAR) use.openAnchored++;
  return true;
}
