/** Resource paths: verb dispatch, get, list and watch (writes and deletes live beside it). */
import type { JsonObject, ResourceType } from "../types.ts";
import { deleteCollection, deleteObject } from "./_deletes.ts";
import { boolParam, listQuery, watchParams } from "./_query.ts";
import type { ResourceContext } from "./_resource_context.ts";
import type { ResourceRoute } from "./_route.ts";
import { jsonResponse, methodNotAllowed } from "./_status.ts";
import { parseIncludeObject, toTable, wantsTable } from "./_table.ts";
import { watchResponse } from "./_watch.ts";
import { createObject, patchObject, replaceObject } from "./_writes.ts";

export type { ResourceContext } from "./_resource_context.ts";

/** The API verb of a resource request, as fault rules name verbs. */
export function verbOf(method: string, route: ResourceRoute, q: URLSearchParams): string {
  switch (method) {
    case "GET":
      if (route.watchPath || isWatch(q)) return "watch";
      return route.collection ? "list" : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return method.toLowerCase();
  }
}

function isWatch(q: URLSearchParams): boolean {
  try {
    return boolParam(q, "watch") === true;
  } catch {
    return false;
  }
}

/** Serves one request on a resource path. */
export async function serveResource(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  // The all-namespaces path of a namespaced kind serves list and watch only.
  if (route.type.namespaced && route.scope.namespace === undefined && req.method !== "GET") {
    throw methodNotAllowed();
  }
  switch (req.method) {
    case "GET":
      return route.watchPath || boolParam(q, "watch")
        ? watch(ctx, req, route, q)
        : read(ctx, req, route, q);
    case "POST":
      return await createObject(ctx, req, route, q);
    case "PUT":
      return await replaceObject(ctx, req, route, q);
    case "PATCH":
      return await patchObject(ctx, req, route, q);
    case "DELETE":
      return route.collection
        ? await deleteCollection(ctx, req, route, q)
        : await deleteObject(ctx, req, route, q);
    default:
      throw methodNotAllowed();
  }
}

function read(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Response {
  const table = wantsTable(req.headers.get("accept"));
  const options = { now: ctx.now(), includeObject: parseIncludeObject(q.get("includeObject")) };
  if (!route.collection) {
    const obj = ctx.api.get(route.scope);
    if (!table) return jsonResponse(obj);
    const rv = (obj.metadata as JsonObject | undefined)?.resourceVersion;
    return jsonResponse(
      toTable(route.type, [obj], rv === undefined ? {} : { resourceVersion: rv }, options),
    );
  }
  const list = ctx.api.list(route.scope, listQuery(q));
  if (!table) return jsonResponse(list);
  const items = Array.isArray(list.items) ? (list.items as JsonObject[]) : [];
  return jsonResponse(
    toTable(route.type, items, (list.metadata as JsonObject | undefined) ?? {}, options),
  );
}

function watch(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Response {
  const query = listQuery(q);
  const scope = { ...route.scope };
  if (scope.name !== undefined) {
    // The deprecated single-object watch is a collection watch on metadata.name.
    const byName = `metadata.name=${scope.name}`;
    query.fieldSelector = query.fieldSelector ? `${query.fieldSelector},${byName}` : byName;
    delete scope.name;
  }
  const table = wantsTable(req.headers.get("accept"));
  const includeObject = parseIncludeObject(q.get("includeObject"));
  const type: ResourceType = route.type;
  return watchResponse(ctx.hub, {
    scope,
    type,
    query,
    ...watchParams(q),
    ...(table
      ? {
        transform: (obj: JsonObject, first: boolean) =>
          toTable(type, [obj], {}, { now: ctx.now(), includeObject, noHeaders: !first }),
      }
      : {}),
  });
}
