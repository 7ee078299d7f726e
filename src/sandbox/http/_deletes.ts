/** DELETE of one object and of a collection, answered as kube-apiserver answers them. */
import type { JsonObject, ResourceType } from "../types.ts";
import { readBody, requireObject } from "./_body.ts";
import { deleteOptions, listQuery } from "./_query.ts";
import type { ResourceContext } from "./_resource_context.ts";
import type { ResourceRoute } from "./_route.ts";
import { jsonResponse } from "./_status.ts";

/** Kinds whose registry returns the deleted object instead of a success Status. */
const RETURNS_DELETED_OBJECT = new Set(["pods", "namespaces"]);

async function deleteBody(req: Request): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req, "json");
  return body === undefined ? undefined : requireObject(body, "delete");
}

function deleted(type: ResourceType, obj: JsonObject): Response {
  const meta = (obj.metadata ?? {}) as JsonObject;
  if (meta.deletionTimestamp !== undefined || RETURNS_DELETED_OBJECT.has(type.plural)) {
    return jsonResponse(obj);
  }
  return jsonResponse({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name: meta.name, group: type.group, kind: type.plural, uid: meta.uid },
  });
}

/** DELETE of one object. */
export async function deleteObject(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  const options = deleteOptions(q, await deleteBody(req));
  return deleted(route.type, ctx.api.delete(route.scope, options));
}

/** DELETE of a collection (deletecollection): deletes every listed object. */
export async function deleteCollection(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  const options = deleteOptions(q, await deleteBody(req));
  const list = ctx.api.list(route.scope, listQuery(q));
  const items = Array.isArray(list.items) ? (list.items as JsonObject[]) : [];
  const removed = items.map((item) => {
    const meta = (item.metadata ?? {}) as JsonObject;
    const scope = { ...route.scope, name: String(meta.name) };
    if (typeof meta.namespace === "string" && route.type.namespaced) {
      scope.namespace = meta.namespace;
    }
    return ctx.api.delete(scope, options);
  });
  return jsonResponse({ ...list, items: removed });
}
