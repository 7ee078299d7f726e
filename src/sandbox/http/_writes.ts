/** POST (create), PUT (replace) and PATCH (by Content-Type) of resource paths. */
import { patchFormat, patchTypeOf, readBody, requireObject, writeFormat } from "./_body.ts";
import { writeOptions } from "./_query.ts";
import type { ResourceContext } from "./_resource_context.ts";
import type { ResourceRoute } from "./_route.ts";
import { badRequest, jsonResponse, methodNotAllowed } from "./_status.ts";

async function objectBody(req: Request, what: string) {
  return requireObject(await readBody(req, writeFormat(req.headers.get("content-type"))), what);
}

/** POST on a collection: 201 with the stored object. */
export async function createObject(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  if (!route.collection || route.scope.subresource) throw methodNotAllowed();
  const options = writeOptions(q, "CreateOptions");
  const body = await objectBody(req, "create");
  await ctx.api.prepareWrite?.(route.scope);
  return jsonResponse(ctx.api.create(route.scope, body, options), 201);
}

/** PUT on an object or subresource. */
export async function replaceObject(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  if (route.collection) throw methodNotAllowed();
  const options = writeOptions(q, "UpdateOptions");
  const body = await objectBody(req, "update");
  await ctx.api.prepareWrite?.(route.scope);
  return jsonResponse(ctx.api.replace(route.scope, body, options));
}

/** PATCH on an object or subresource; 201 when an apply created the object. */
export async function patchObject(
  ctx: ResourceContext,
  req: Request,
  route: ResourceRoute,
  q: URLSearchParams,
): Promise<Response> {
  if (route.collection) throw methodNotAllowed();
  const type = patchTypeOf(req.headers.get("content-type"));
  const options = writeOptions(q, "PatchOptions", type);
  const body = await readBody(req, patchFormat(type));
  if (type === "json" && !Array.isArray(body)) {
    throw badRequest(
      "the server rejected our request due to an error in our request: a JSON patch must be an array of operations",
    );
  }
  if (type !== "json") requireObject(body, "patch");
  await ctx.api.prepareWrite?.(route.scope);
  const result = ctx.api.patch(route.scope, type, body, options);
  return jsonResponse(result.object, result.created ? 201 : 200);
}
