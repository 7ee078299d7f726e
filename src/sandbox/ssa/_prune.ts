/** Removes the fields an applier stopped applying, unless another manager still owns them. */
import type { JsonObject } from "../types.ts";
import { isObject } from "./_json.ts";
import { isBelow, keySegment, SEP, valueSegment } from "./_paths.ts";
import type { Compiled } from "./_schema.ts";

interface Step {
  /** The map or list holding the value this step reaches. */
  container: JsonObject | unknown[];
  key: string | number;
  segment: string;
  /** Schema path of the value reached. */
  at: string;
}

function findItem(list: unknown[], segment: string, at: string, schema: Compiled): number {
  if (segment.startsWith("v:")) return list.findIndex((item) => valueSegment(item) === segment);
  const kind = schema.list(at);
  if (kind.type !== "map") return -1;
  return list.findIndex((item) => isObject(item) && keySegment(item, kind.sortedKeys) === segment);
}

function locate(object: JsonObject, segments: readonly string[], schema: Compiled): Step[] {
  const steps: Step[] = [];
  let current: unknown = object;
  let at = "";
  for (const segment of segments) {
    if (segment.startsWith("f:")) {
      const key = segment.slice(2);
      if (!isObject(current) || !Object.hasOwn(current, key)) return [];
      at = at === "" ? key : `${at}.${key}`;
      steps.push({ container: current, key, segment, at });
      current = current[key];
    } else {
      const index = Array.isArray(current) ? findItem(current, segment, at, schema) : -1;
      if (index < 0 || !Array.isArray(current)) return [];
      steps.push({ container: current, key: index, segment, at });
      current = current[index];
    }
  }
  return steps;
}

function remove(step: Step): void {
  if (Array.isArray(step.container)) step.container.splice(Number(step.key), 1);
  else delete step.container[String(step.key)];
}

function isEmpty(value: JsonObject | unknown[]): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function isKeyField(steps: readonly Step[], schema: Compiled): boolean {
  const last = steps[steps.length - 1], parent = steps[steps.length - 2];
  if (!last || !parent || !parent.segment.startsWith("k:")) return false;
  const kind = schema.list(parent.at);
  return kind.type === "map" && kind.keys.includes(String(last.key));
}

/** Removes one path, then the maps and lists left empty above it that nobody owns. */
function removePath(
  object: JsonObject,
  path: string,
  schema: Compiled,
  owned: (p: string) => boolean,
): void {
  const segments = path.split(SEP);
  const steps = locate(object, segments, schema);
  const last = steps[steps.length - 1];
  if (!last || isKeyField(steps, schema)) return;
  remove(last);
  for (let i = steps.length - 1; i > 0; i--) {
    const holder = steps[i - 1], container = steps[i]?.container;
    if (!holder || !container || !isEmpty(container) || !holder.segment.startsWith("f:")) return;
    if (owned(segments.slice(0, i).join(SEP))) return;
    remove(holder);
  }
}

/**
 * Removes from `object` (in place: it is the engine's own merged copy) every path of
 * `previous` that no set of `owners` holds, keeping paths with owned fields below them and the
 * key fields of items that stay.
 */
export function prune(
  object: JsonObject,
  previous: Iterable<string>,
  owners: readonly ReadonlySet<string>[],
  schema: Compiled,
): void {
  const owned = (p: string): boolean => owners.some((set) => set.has(p));
  const ownedBelow = (p: string): boolean =>
    owners.some((set) => {
      for (const q of set) if (isBelow(q, p)) return true;
      return false;
    });
  for (const path of previous) {
    if (!owned(path) && !ownedBelow(path)) removePath(object, path, schema, owned);
  }
}
