/** The REST verbs on resource paths: get, list, watch, create, replace, patch, delete(collection). */
import type { SandboxApi } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import { patchFormat, patchTypeOf, readBody, requireObject, writeFormat } from "./_body.ts";
import { boolParam, deleteOptions, listQuery, watchParams, writeOptions } from "./_query.ts";
import type { ResourceRoute } from "./_route.ts";
import { badRequest, jsonResponse, methodNotAllowed } from "./_status.ts";
import { parseIncludeObject, toTable, wantsTable } from "./_table.ts";
import { type WatchHub, watchResponse } from "./_watch.ts";

/** What the resource handlers need from the server. */
export interface ResourceContext {
  api: SandboxApi;
  hub: WatchHub;
  now(): number;
}

/** Kinds whose registry returns the deleted object instead of a success Status. */
const RETURNS_DELETED_OBJECT = new Set(["pods", "namespaces"]);

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
  const { api } = ctx;
  const { scope, collection } = route;
  // The all-namespaces path of a namespaced kind serves list and watch only.
  if (route.type.namespaced && scope.namespace === undefined && req.method !== "GET") {
    throw methodNotAllowed();
  }
  switch (req.method) {
    case "GET":
      return route.watchPath || boolParam(q, "watch")
        ? watch(ctx, req, route, q)
        : read(ctx, req, route, q);
    case "POST": {
      if (!collection || scope.subresource) throw methodNotAllowed();
      const options = writeOptions(q, "CreateOptions");
      const body = requireObject(
        await readBody(req, writeFormat(req.headers.get("content-type"))),
        "create",
      );
      return jsonResponse(api.create(scope, body, options), 201);
    }
    case "PUT": {
      if (collection) throw methodNotAllowed();
      const options = writeOptions(q, "UpdateOptions");
      const body = requireObject(
        await readBody(req, writeFormat(req.headers.get("content-type"))),
        "update",
      );
      return jsonResponse(api.replace(scope, body, options));
    }
    case "PATCH": {
      if (collection) throw methodNotAllowed();
      const type = patchTypeOf(req.headers.get("content-type"));
      const options = writeOptions(q, "PatchOptions", type);
      const body = await readBody(req, patchFormat(type));
      if (type === "json" && !Array.isArray(body)) {
        throw badRequest(
          "the server rejected our request due to an error in our request: a JSON patch must be an array of operations",
        );
      }
      if (type !== "json") requireObject(body, "patch");
      const result = api.patch(scope, type, body, options);
      return jsonResponse(result.object, result.created ? 201 : 200);
    }
    case "DELETE":
      return collection
        ? await deleteCollection(ctx, req, route, q)
        : await remove(ctx, req, route, q);
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

async function remove(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  const options = deleteOptions(q, await deleteBody(req));
  return deleted(route.type, ctx.api.delete(route.scope, options));
}

async function deleteCollection(
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
