/** engine.drift: the three-way check of what Nopea last applied, what the manifests say, and the cluster. */
import { type DriftResult, threeWayDiff } from "../drift/mod.ts";
import { maskedLiveSecret } from "../secrets/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { planDeploy } from "../plan/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastApplied } from "./_last_applied.ts";
import { liveObjects } from "../apply/mod.ts";
import type { DriftRequest } from "./requests.ts";

/** The drift of a service, object by object (Secret values masked). */
export interface DriftReport {
  /** The service. */
  service: string;
  /** The namespace of the last deploy (or the one asked for). */
  namespace: string;
  /** The newest record that applied something: the last-applied side (with older ones it kept). */
  lastDeployId: string;
  /** Every object, drifted or not, in key order. */
  resources: DriftResult[];
  /** How many objects drifted (any class but `no_drift`). */
  drifted: number;
}

const byKey = (objects: readonly KubeObject[]) =>
  new Map(objects.map((o) => [formatKey(keyOf(o)), o]));

/**
 * Compares what Nopea last applied (from memory, whatever operation applied it), the desired
 * manifests and the live objects: `no_drift`, `desired_changed`, `manual_drift`, `conflict`,
 * `missing`, `new`.
 *
 * @throws {NopeaError} `SERVICE_NOT_FOUND` when memory keeps nothing Nopea applied of the service
 */
export async function runDrift(
  ctx: EngineContext,
  options: DriftRequest,
): Promise<DriftReport> {
  const { service } = options;
  const found = await lastApplied(ctx.memory, service, options.namespace);
  if (!found) {
    throw new NopeaError(
      "SERVICE_NOT_FOUND",
      `Nopea has applied nothing of service "${service}" that memory keeps`,
      {
        hint:
          "Drift is measured against what Nopea last applied: deploy the service first (nopea services lists them)",
      },
    );
  }
  const last = found.record;
  const applied = [...found.objects.values()];
  const namespace = options.namespace ?? last.namespace;
  const desired = options.manifests
    ? (await planDeploy(options.manifests, {
      service,
      namespace,
      deployId: last.deployId,
      resolve: (apiVersion, kind) => ctx.deps.cluster.discover(apiVersion, kind),
    })).groups.flatMap((g) => g.objects.map((o) => o.object))
    : applied;
  const lastByKey = byKey(applied);
  const desiredByKey = byKey(desired);
  const keys = [...new Set([...lastByKey.keys(), ...desiredByKey.keys()])].sort();
  const masker = await ctx.memory.secretMasker();
  const models = keys.map((key) => desiredByKey.get(key) ?? lastByKey.get(key)!);
  // One list per kind and namespace (the deploy's own read of the cluster), not a get each.
  const liveByKey = await liveObjects(ctx.deps.cluster, models);
  const resources = keys.map((key, i) => {
    const model = models[i]!;
    const live = liveByKey.get(key);
    const stored = lastByKey.get(key);
    // Without manifests, a Secret's live values are compared with memory's masked ones.
    const seen = live && stored && !options.manifests
      ? maskedLiveSecret(stored, live, masker)
      : live;
    return threeWayDiff(stored, desiredByKey.get(key) ?? model, seen, { manager: "nopea" });
  });
  return {
    service,
    namespace,
    lastDeployId: last.deployId,
    resources,
    drifted: resources.filter((r) => r.drift !== "no_drift").length,
  };
}
