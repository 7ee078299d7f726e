/** The request pipeline: route, authenticate, inject faults, dispatch, render failures as Status. */
import type { Logger } from "../../shared/mod.ts";
import type { SandboxApi } from "../api_types.ts";
import type { StatusError } from "../types.ts";
import { serveFaults } from "./_admin.ts";
import {
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from "./_discovery.ts";
import { type FaultDecision, faultDetails, type FaultInjector } from "./_fault_injector.ts";
import {
  loadKubernetesDefinitions,
  openApiV2,
  openApiV2Protobuf,
  openApiV3,
  openApiV3Root,
} from "./_openapi_documents.ts";
import { type ResourceContext, serveResource, verbOf } from "./_resource.ts";
import { serveRefusal } from "./_refusals.ts";
import { parseRoute, type Route } from "./_route.ts";
import { serveTokenRequest } from "./_token_request.ts";
import {
  jsonResponse,
  methodNotAllowed,
  notFoundPath,
  statusForCode,
  statusResponse,
  toStatusError,
  unauthorized,
} from "./_status.ts";

/** Everything the pipeline needs. */
export interface HandlerContext extends ResourceContext {
  token: string;
  faults: FaultInjector;
  log: Logger;
  /** `host:port` clients use, for `/api`'s serverAddressByClientCIDRs. */
  serverAddress: string;
  /** Waits `ms` (cut short at shutdown). */
  sleep(ms: number): Promise<void>;
  /** Drops the connection a request came on; false when it is already gone. */
  drop(remotePort: number): boolean;
}

function documentFor(api: SandboxApi, route: Route, serverAddress: string): unknown {
  switch (route.kind) {
    case "version":
      return versionInfo();
    case "api":
      return apiVersions(serverAddress);
    case "apis":
      return apiGroupList(api.registry);
    case "group":
      return apiGroupDocument(api.registry, route.group);
    case "resources":
      return apiResourceList(api.registry, route.group, route.version);
    case "openapi-v2":
      return openApiV2(api.registry);
    case "openapi-v3":
      return openApiV3Root(api.registry);
    case "openapi-v3-gv":
      return openApiV3(api.registry, route.group, route.version);
    default:
      return undefined;
  }
}

function faultResponse(
  effect: NonNullable<FaultDecision["effect"]> & { kind: "status" },
): Response {
  const details = faultDetails(effect);
  const headers: Record<string, string> = effect.retryAfterSeconds === undefined
    ? {}
    : { "retry-after": String(effect.retryAfterSeconds) };
  return statusResponse(statusForCode(effect.code, effect.message, details), headers);
}

async function dispatch(
  ctx: HandlerContext,
  req: Request,
  remotePort: number,
  route: Route,
  url: URL,
): Promise<Response> {
  if (route.kind === "faults") return await serveFaults(ctx.faults, req);
  if (route.kind === "not-found") throw notFoundPath();
  if (route.kind === "token-request") {
    return await serveTokenRequest(
      { api: ctx.api, token: ctx.token, now: () => ctx.now() },
      req,
      route,
    );
  }
  if (route.kind === "no-containers" || route.kind === "self-review") {
    return await serveRefusal(ctx.api, req, route);
  }
  if (route.kind !== "resource") {
    if (req.method !== "GET" && req.method !== "HEAD") throw methodNotAllowed();
    const accept = req.headers.get("accept") ?? "";
    if (route.kind === "openapi-v2" && accept.includes("protobuf") && !accept.includes("json")) {
      const headers = { "content-type": "application/octet-stream" };
      return new Response(openApiV2Protobuf().slice().buffer, { headers });
    }
    if (route.kind.startsWith("openapi")) await loadKubernetesDefinitions();
    const doc = documentFor(ctx.api, route, ctx.serverAddress);
    if (doc === undefined) throw notFoundPath();
    return jsonResponse(doc);
  }
  const decision = ctx.faults.decide(
    verbOf(req.method, route, url.searchParams),
    route.scope.plural,
  );
  if (decision.latencyMs > 0) await ctx.sleep(decision.latencyMs);
  if (decision.effect?.kind === "drop") {
    ctx.drop(remotePort);
    return new Response(null, { status: 503 }); // never delivered: the connection is gone
  }
  if (decision.effect) return faultResponse(decision.effect);
  return await serveResource(ctx, req, route, url.searchParams);
}

/** Serves one request; never throws (failures become `Status` bodies). */
export async function handleRequest(
  ctx: HandlerContext,
  req: Request,
  remotePort: number,
): Promise<Response> {
  const url = new URL(req.url);
  let response: Response;
  try {
    const route = parseRoute(url.pathname, ctx.api.registry);
    if (route.kind === "health") {
      response = new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8" } });
    } else if (req.headers.get("authorization") !== `Bearer ${ctx.token}`) {
      throw unauthorized();
    } else {
      response = await dispatch(ctx, req, remotePort, route, url);
    }
  } catch (e) {
    const error: StatusError = toStatusError(e);
    if (error.code >= 500) ctx.log.log("error", "Sandbox request failed", { error: error.message });
    response = statusResponse(error);
  }
  ctx.log.log("debug", "Sandbox request", {
    method: req.method,
    path: url.pathname + url.search,
    status: response.status,
  });
  return response;
}
