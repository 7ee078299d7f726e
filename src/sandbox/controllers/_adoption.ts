/**
 * Adoption, as kube's controllers do it: an object with no controller whose labels the
 * owner's selector matches is taken over (a ReplicaSet left by `kubectl delete --cascade=orphan`
 * is adopted when its Deployment comes back, so no second ReplicaSet is made).
 */
import type { JsonObject, ObjectEvent } from "../types.ts";
import { metaOf, obj, objects, str, stringMap } from "./_json.ts";
import { controllerRef } from "./_pods.ts";
import { controllerOf, type Runtime } from "./_runtime.ts";

function requirementHolds(req: JsonObject, labels: Record<string, string>): boolean {
  const key = str(req["key"]) ?? "";
  const values = Array.isArray(req["values"]) ? req["values"] as unknown[] : [];
  const has = Object.hasOwn(labels, key);
  switch (req["operator"]) {
    case "In":
      return has && values.includes(labels[key]);
    case "NotIn":
      return !has || !values.includes(labels[key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false;
  }
}

/** Whether a `LabelSelector` object selects `labels`; an empty selector selects nothing. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const s = obj(selector);
  const matchLabels = Object.entries(stringMap(s["matchLabels"]));
  const expressions = objects(s["matchExpressions"]);
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return matchLabels.every(([k, v]) => labels[k] === v) &&
    expressions.every((req) => requirementHolds(req, labels));
}

const KULTA_MANAGED = "rollouts.kulta.io/managed";

type OrphanIndex = Map<string, Set<string>>; // namespace → names

const indexes = new WeakMap<Runtime, Map<string, OrphanIndex>>();

function track(index: OrphanIndex, event: ObjectEvent): void {
  const m = metaOf(event.object);
  let names = index.get(m.namespace);
  if (!names) index.set(m.namespace, names = new Set());
  // KULTA's ReplicaSets carry no owner reference here, yet its controller manages them.
  const orphan = event.type !== "DELETED" && !m.deleting && !controllerOf(event.object) &&
    m.labels[KULTA_MANAGED] === undefined;
  if (orphan) names.add(m.name);
  else names.delete(m.name);
}

/** The orphans of a kind, kept up to date from the commit stream (one scan at first use). */
function orphanIndex(rt: Runtime, group: string, kind: string): OrphanIndex {
  let byKind = indexes.get(rt);
  if (!byKind) indexes.set(rt, byKind = new Map());
  let index = byKind.get(`${group}/${kind}`);
  if (index) return index;
  const built: OrphanIndex = index = new Map();
  byKind.set(`${group}/${kind}`, built);
  for (const object of rt.api.list(group, kind)) {
    track(built, { type: "ADDED", group, kind, object });
  }
  const listener = (event: ObjectEvent) => {
    if (event.group === group && event.kind === kind) track(built, event);
  };
  if (rt.api.onCommit) rt.api.onCommit(listener);
  else rt.api.onChange(listener);
  return built;
}

/** Makes `owner` the controller of every orphan of `group`/`kind` its selector matches. */
export function adoptOrphans(rt: Runtime, owner: JsonObject, group: string, kind: string): void {
  const m = metaOf(owner);
  const names = orphanIndex(rt, group, kind).get(m.namespace);
  if (!names || names.size === 0) return;
  const selector = obj(owner["spec"])["selector"];
  for (const name of [...names]) {
    const candidate = rt.get({ group, kind, namespace: m.namespace, name });
    if (!candidate || !selectorMatches(selector, metaOf(candidate).labels)) continue;
    const metadata = obj(candidate["metadata"]);
    const owners = objects(metadata["ownerReferences"]);
    rt.put({
      ...candidate,
      metadata: { ...metadata, ownerReferences: [...owners, controllerRef(owner)] },
    });
  }
}

/**
 * The ReplicaSets a Deployment controls; when none holds its current template, orphans its
 * selector matches are adopted first (only then: adoption is not needed in the steady state).
 */
export function ownedReplicaSets(
  rt: Runtime,
  deployment: JsonObject,
  current: (rs: JsonObject) => boolean,
): JsonObject[] {
  const uid = metaOf(deployment).uid;
  const owned = rt.children(uid, "apps", "ReplicaSet");
  if (owned.some(current)) return owned;
  adoptOrphans(rt, deployment, "apps", "ReplicaSet");
  return rt.children(uid, "apps", "ReplicaSet");
}
