/** planDeploy: objects → ordered apply groups with namespaces defaulted and Nopea metadata added. */
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { checkOptions, placeNamespace, rejectDuplicate } from "./_plan_checks.ts";
import type { DeployPlan, PlannedObject, PlanOptions } from "./_plan_types.ts";
import { resolveTypes, typeKey } from "./_resource_types.ts";
import { APPLY_GROUPS, applyGroupOf } from "./apply_order.ts";
import { applySetId } from "./applyset.ts";
import { withNopeaMetadata } from "./metadata.ts";

export type { DeployPlan, PlanGroup, PlannedObject, PlanOptions } from "./_plan_types.ts";

/**
 * Plans a direct deploy: resolves every kind (through discovery, or through a CRD in the same
 * set), defaults namespaces, adds Nopea's labels and annotation to each object's metadata, and
 * orders the objects into apply groups (DESIGN §2.2). The input objects are not mutated. O(N) in
 * objects, one `resolve` call per distinct kind.
 *
 * @param objects Validated objects in manifest order.
 * @param options Service, namespace, deploy id, discovery, extra labels.
 * @returns The plan: non-empty groups in apply order, and warnings.
 * @throws {NopeaError} `KUBE_NOT_FOUND_KIND` naming every kind and apiVersion the cluster does not
 * serve; `SPEC_INVALID` for a bad service, namespace or label; `MANIFEST_INVALID` when two objects
 * end up with the same key after namespace defaulting.
 *
 * @example Namespaces before Deployments
 * ```ts
 * import { planDeploy } from "./plan_deploy.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const objects = [
 *   { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } },
 *   { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } },
 * ];
 * const resolve = (apiVersion: string, kind: string) =>
 *   Promise.resolve({ group: "", version: "v1", kind, plural: "x", namespaced: kind !== "Namespace", subresources: [] });
 * const plan = await planDeploy(objects, { service: "web", namespace: "shop", deployId: "01J", resolve });
 * deepEqual(plan.groups.map((g) => g.name), ["namespaces", "workloads"]);
 * equal(plan.groups[1]?.objects[0]?.object.metadata.namespace, "shop");
 * ```
 */
export async function planDeploy(
  objects: readonly KubeObject[],
  options: PlanOptions,
): Promise<DeployPlan> {
  checkOptions(options);
  const types = await resolveTypes(objects, options.resolve, options.service);
  const { service, namespace, deployId } = options;
  const stamp = {
    service,
    deployId,
    applySet: applySetId(service, namespace),
    ...(options.labels ? { labels: options.labels } : {}),
  };
  const buckets = new Map(APPLY_GROUPS.map((name) => [name, [] as PlannedObject[]]));
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const obj of objects) {
    const resource = types.get(typeKey(obj.apiVersion, obj.kind));
    if (resource === undefined) {
      throw new NopeaError("INTERNAL", `Cannot plan ${obj.kind} "${obj.metadata.name}": no type`);
    }
    const object = withNopeaMetadata(placeNamespace(obj, resource, namespace, warnings), stamp);
    const key = keyOf(object);
    rejectDuplicate(seen, formatKey(key), service);
    buckets.get(applyGroupOf(obj.apiVersion, obj.kind))?.push({ object, key, resource });
  }
  const groups = [...buckets].filter(([, planned]) => planned.length > 0)
    .map(([name, planned]) => ({ name, objects: planned, awaitEstablished: name === "crds" }));
  return { service, namespace, deployId, groups, warnings };
}
