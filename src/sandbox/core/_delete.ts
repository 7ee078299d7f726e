/** Deletion: finalizers, namespace contents, CRD objects and garbage collection of dependents. */
import { rfc3339 } from "../../shared/mod.ts";
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";
import { qualifiedResource, resourceDetails } from "./_status.ts";
import type { CoreContext } from "./_context.ts";
import { isObject, meta } from "./_json.ts";

/** How dependents of a deleted object are treated (`propagationPolicy`). */
export type Propagation = "Foreground" | "Background" | "Orphan";

function hasFinalizers(obj: JsonObject): boolean {
  const f = meta(obj)["finalizers"];
  return Array.isArray(f) && f.length > 0;
}

function orphan(ctx: CoreContext, uid: string): void {
  for (const ref of ctx.store.dependentsOf(uid)) {
    const dep = ctx.store.get(ref.group, ref.kind, ref.namespace, ref.name);
    if (!dep) continue;
    const refs = meta(dep)["ownerReferences"];
    const kept = Array.isArray(refs) ? refs.filter((r) => !isObject(r) || r["uid"] !== uid) : [];
    const m: JsonObject = { ...meta(dep) };
    if (kept.length > 0) m["ownerReferences"] = kept;
    else delete m["ownerReferences"];
    ctx.store.write(ref.group, ref.kind, { ...dep, metadata: m });
  }
}

function removeDependents(ctx: CoreContext, uid: string): void {
  for (const ref of ctx.store.dependentsOf(uid)) {
    removeObject(ctx, ref.group, ref.kind, ref.namespace, ref.name, "Background");
  }
}

function removeContents(ctx: CoreContext, group: string, kind: string, name: string): void {
  if (group === "" && kind === "Namespace") {
    for (const o of ctx.store.inNamespace(name)) {
      const m = meta(o.object);
      removeObject(ctx, o.group, o.kind, name, String(m["name"]), "Background");
    }
  } else if (group === "apiextensions.k8s.io" && kind === "CustomResourceDefinition") {
    const def = ctx.registry.unregister(name);
    if (!def || ctx.registry.isBuiltin(def.group, def.names.kind)) return;
    if (ctx.registry.storageTypes(def.group, def.names.kind).length > 0) return;
    for (const obj of ctx.store.list(def.group, def.names.kind)) {
      const m = meta(obj);
      const ns = typeof m["namespace"] === "string" ? m["namespace"] : "";
      removeObject(ctx, def.group, def.names.kind, ns, String(m["name"]), "Background");
    }
  }
}

/**
 * Removes an object now (no finalizer wait) with its contents and, unless orphaned,
 * its dependents. Returns the removed object, or `undefined` when it was already gone.
 */
export function removeObject(
  ctx: CoreContext,
  group: string,
  kind: string,
  namespace: string,
  name: string,
  propagation: Propagation,
): JsonObject | undefined {
  const live = ctx.store.get(group, kind, namespace, name);
  if (!live) return undefined;
  const uid = String(meta(live)["uid"] ?? "");
  if (propagation === "Foreground") removeDependents(ctx, uid);
  const removed = ctx.store.remove(group, kind, namespace, name);
  removeContents(ctx, group, kind, name);
  if (propagation === "Orphan") orphan(ctx, uid);
  else removeDependents(ctx, uid);
  return removed;
}

/**
 * Deletes an object as the API does: with finalizers it only gets a deletionTimestamp
 * (and goes once they are removed); otherwise it is removed with {@linkcode removeObject}.
 */
export function deleteObject(
  ctx: CoreContext,
  group: string,
  kind: string,
  live: JsonObject,
  propagation: Propagation,
): JsonObject {
  const m = meta(live);
  const namespace = typeof m["namespace"] === "string" ? m["namespace"] : "";
  const name = String(m["name"]);
  if (hasFinalizers(live)) {
    if (m["deletionTimestamp"] !== undefined) return live;
    const marked = {
      ...live,
      metadata: {
        ...m,
        deletionTimestamp: rfc3339(ctx.clock.now()),
        deletionGracePeriodSeconds: 0,
      },
    };
    return ctx.store.write(group, kind, marked);
  }
  return removeObject(ctx, group, kind, namespace, name, propagation) ?? live;
}

/** After an update: an object being deleted whose last finalizer is gone is removed. */
export function finishDeletion(
  ctx: CoreContext,
  group: string,
  kind: string,
  stored: JsonObject,
): void {
  const m = meta(stored);
  if (m["deletionTimestamp"] === undefined || hasFinalizers(stored)) return;
  const namespace = typeof m["namespace"] === "string" ? m["namespace"] : "";
  removeObject(ctx, group, kind, namespace, String(m["name"]), "Background");
}

/**
 * A DELETE's preconditions, checked as kube-apiserver does: a uid or resourceVersion that does
 * not match the live object is 409 Conflict, and nothing is deleted.
 */
export function checkPreconditions(
  type: ResourceType,
  live: JsonObject,
  preconditions: { uid?: string; resourceVersion?: string } | undefined,
): void {
  if (!preconditions) return;
  const meta = (live.metadata ?? {}) as JsonObject;
  const name = String(meta.name ?? "");
  const what = `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": `;
  if (preconditions.uid !== undefined && preconditions.uid !== meta.uid) {
    throw new StatusError(
      409,
      "Conflict",
      `${what}Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${
        String(meta.uid ?? "")
      }`,
      resourceDetails(type, name),
    );
  }
  const rv = preconditions.resourceVersion;
  if (rv !== undefined && rv !== meta.resourceVersion) {
    throw new StatusError(
      409,
      "Conflict",
      `${what}the ResourceVersion in the precondition (${rv}) does not match the ResourceVersion in record (${
        String(meta.resourceVersion ?? "")
      }). The object might have been modified`,
      resourceDetails(type, name),
    );
  }
}
