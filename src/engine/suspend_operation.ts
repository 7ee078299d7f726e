/**
 * engine.suspend / engine.resume / engine.suspension: whether `nopea watch` may sync a service.
 * The switch is a ConfigMap `nopea-suspend-<service>` in the service's namespace, so every
 * watch process (and every door) sees the same answer.
 */
import { isDns1123Label, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { serviceNamespace } from "./_service_namespace.ts";

/** Which service to suspend or resume, and why. */
export interface SuspendRequest {
  /** The service. */
  service: string;
  /** Its namespace. @default the namespace of its last deploy */
  namespace?: string | undefined;
  /** Why (shown by `nopea watch` and kept on the switch). */
  reason?: string | undefined;
}

/** Whether syncing a service is suspended. */
export interface SyncSuspension {
  /** The service. */
  service: string;
  /** The namespace of the switch (the service's). */
  namespace: string;
  /** Whether `nopea watch` leaves the service alone. */
  suspended: boolean;
  /** When it was suspended (ISO 8601). */
  since?: string;
  /** Why it was suspended. */
  reason?: string;
}

function switchKey(service: string, namespace: string): ResourceKey {
  return { apiVersion: "v1", kind: "ConfigMap", namespace, name: `nopea-suspend-${service}` };
}

async function target(ctx: EngineContext, request: SuspendRequest, what: string) {
  if (!isDns1123Label(request.service)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot ${what} service "${request.service}": its name must be a DNS-1123 label`,
      { hint: "Pass the service's name as deployed" },
    );
  }
  const { namespace } = await serviceNamespace(ctx, request.service, request.namespace);
  return { service: request.service, namespace };
}

/** Reads the switch of a service. */
export async function runSuspension(
  ctx: EngineContext,
  request: SuspendRequest,
): Promise<SyncSuspension> {
  const { service, namespace } = await target(ctx, request, "read the suspension of");
  const live = await ctx.deps.cluster.get(switchKey(service, namespace));
  const data = (live?.["data"] ?? {}) as Record<string, string>;
  return {
    service,
    namespace,
    suspended: live !== undefined,
    ...(data["since"] ? { since: data["since"] } : {}),
    ...(data["reason"] ? { reason: data["reason"] } : {}),
  };
}

/** Turns the switch on: `nopea watch` stops syncing and healing the service. */
export async function runSuspend(
  ctx: EngineContext,
  request: SuspendRequest,
): Promise<SyncSuspension> {
  const { service, namespace } = await target(ctx, request, "suspend");
  const since = new Date(ctx.deps.clock.now()).toISOString();
  const reason = request.reason ?? "suspended by nopea suspend";
  const object: KubeObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: switchKey(service, namespace).name,
      namespace,
      labels: { "app.kubernetes.io/managed-by": "nopea", "nopea.io/service": service },
    },
    data: { since, reason },
  };
  await ctx.deps.cluster.apply(object, { force: true });
  return { service, namespace, suspended: true, since, reason };
}

/** Turns the switch off: `nopea watch` syncs the service again at its next poll. */
export async function runResume(
  ctx: EngineContext,
  request: SuspendRequest,
): Promise<SyncSuspension> {
  const { service, namespace } = await target(ctx, request, "resume");
  await ctx.deps.cluster.delete(switchKey(service, namespace));
  return { service, namespace, suspended: false };
}
