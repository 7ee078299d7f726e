/** The operations that go straight to a port: memory's answers about a service, and unlock. */
import type { DeployRecord } from "../deploys/mod.ts";
import { unlock, type UnlockResult } from "../lock/mod.ts";
import type { DeployContext, Explanation } from "../memory/mod.ts";
import { defaultNamespaceOf, type EngineContext, lockPortsOf } from "./_engine_context.ts";
import { serviceOf } from "./_requests_check.ts";
import { serviceNamespace } from "./_service_namespace.ts";
import type { HistoryQuery, ServiceQuery, UnlockRequest } from "./requests.ts";

/** The strategy settings of a memory read: the query's canary threshold, else the engine's. */
function strategyOf(ctx: EngineContext, q: ServiceQuery) {
  return { canaryThreshold: q.canaryThreshold ?? ctx.options.canaryThreshold };
}

/** `engine.context`: what memory knows about a service before deploying it. */
export async function runContext(ctx: EngineContext, q: ServiceQuery): Promise<DeployContext> {
  const service = serviceOf(q, "context");
  const { namespace } = await serviceNamespace(ctx, service, q.namespace);
  return await ctx.memory.context(service, namespace, strategyOf(ctx, q));
}

/** `engine.explain`: memory's knowledge of a service in sentences. */
export async function runExplain(ctx: EngineContext, q: ServiceQuery): Promise<Explanation> {
  const service = serviceOf(q, "explain");
  const { namespace } = await serviceNamespace(ctx, service, q.namespace);
  return await ctx.memory.explain(service, namespace, strategyOf(ctx, q));
}

/** `engine.history`: past deploys of a service, newest first. */
export async function runHistory(ctx: EngineContext, q: HistoryQuery): Promise<DeployRecord[]> {
  return await ctx.memory.history(serviceOf(q, "history"), {
    ...(q.limit === undefined ? {} : { limit: q.limit }),
    ...(q.since === undefined ? {} : { since: q.since }),
    ...(q.status === undefined ? {} : { status: q.status }),
  });
}

/** `engine.unlock`: removes a service's deploy lock (a fresh one only with `force`). */
export async function runUnlock(ctx: EngineContext, request: UnlockRequest): Promise<UnlockResult> {
  const service = serviceOf(request, "unlock");
  const namespace = request.namespace ?? defaultNamespaceOf(ctx);
  return await unlock(lockPortsOf(ctx), service, namespace, { force: request.force ?? false });
}
