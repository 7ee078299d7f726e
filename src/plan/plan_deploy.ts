/** planDeploy: objects → ordered apply groups with namespaces defaulted and Nopea metadata added. */
import type { ResourceInfo } from "../kube/mod.ts";
import {
  formatKey,
  isDns1123Label,
  isLabelValue,
  isQualifiedName,
  keyOf,
  type KubeObject,
  type ResourceKey,
} from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { resolveTypes, typeKey } from "./_resource_types.ts";
import { APPLY_GROUPS, type ApplyGroupName, applyGroupOf } from "./apply_order.ts";
import { applySetId } from "./applyset.ts";
import { withNopeaMetadata } from "./metadata.ts";

/** Options of {@linkcode planDeploy}. */
export interface PlanOptions {
  /** The Nopea service (a DNS-1123 label). */
  service: string;
  /** The namespace for namespaced objects that do not name one. */
  namespace: string;
  /** The deploy's ULID, stamped on every object as `nopea.io/deploy-id`. */
  deployId: string;
  /** Discovery: the resource type serving a kind, `undefined` when the cluster does not serve it. */
  resolve: (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>;
  /** Extra labels for every object's metadata. */
  labels?: Readonly<Record<string, string>>;
}

/** One object ready to apply. */
export interface PlannedObject {
  /** The object with namespace defaulted and Nopea's labels and annotation. */
  readonly object: KubeObject;
  /** The key of `object` (namespace included when namespaced). */
  readonly key: ResourceKey;
  /** Its resource type, from discovery or from a CRD in the same manifest set. */
  readonly resource: ResourceInfo;
}

/** Objects applied together (in parallel); the group after it starts when this one is done. */
export interface PlanGroup {
  /** Which group (DESIGN §2.2). */
  readonly name: ApplyGroupName;
  /** In manifest order. */
  readonly objects: readonly PlannedObject[];
  /** True for CRDs: each must report `Established` before the next group is applied. */
  readonly awaitEstablished: boolean;
}

/** What a direct deploy applies, in order. */
export interface DeployPlan {
  /** The Nopea service. */
  readonly service: string;
  /** The default namespace of the deploy. */
  readonly namespace: string;
  /** The deploy's ULID. */
  readonly deployId: string;
  /** Non-empty groups in apply order (DESIGN §2.2). */
  readonly groups: readonly PlanGroup[];
  /** Things worth telling the user (ignored namespaces on cluster-scoped objects). */
  readonly warnings: readonly string[];
}

function checkOptions(options: PlanOptions): void {
  const fail = (message: string, hint: string) => {
    throw new NopeaError("SPEC_INVALID", `Cannot plan deploy: ${message}`, { hint });
  };
  if (!isDns1123Label(options.service)) {
    fail(
      `service name "${options.service}" is not a DNS-1123 label`,
      "Use lowercase letters, digits and '-' (at most 63)",
    );
  }
  if (!isDns1123Label(options.namespace)) {
    fail(
      `namespace "${options.namespace}" is not a DNS-1123 label`,
      "Use lowercase letters, digits and '-' (at most 63)",
    );
  }
  if (options.deployId === "") fail("the deploy id is empty", "Pass the deploy's ULID");
  for (const [key, value] of Object.entries(options.labels ?? {})) {
    if (!isQualifiedName(key) || !isLabelValue(value)) {
      fail(
        `label "${key}: ${value}" is not a valid Kubernetes label`,
        "Fix the label key or value",
      );
    }
  }
}

/** Defaults the namespace of namespaced objects and drops it from cluster-scoped ones. */
function placeNamespace(
  obj: KubeObject,
  resource: ResourceInfo,
  namespace: string,
  warnings: string[],
): KubeObject {
  const { namespace: ns, ...rest } = obj.metadata;
  if (resource.namespaced) return ns ? obj : { ...obj, metadata: { ...obj.metadata, namespace } };
  if (ns === undefined) return obj;
  if (ns !== "") {
    warnings.push(
      `${obj.kind} "${obj.metadata.name}" is cluster-scoped: its metadata.namespace "${ns}" is ignored`,
    );
  }
  return { ...obj, metadata: rest };
}

/** Two objects may share a key only before defaulting (`a` without namespace, `a` in it). */
function rejectDuplicate(seen: Set<string>, id: string, service: string): void {
  if (seen.has(id)) {
    throw new NopeaError(
      "MANIFEST_INVALID",
      `Cannot plan deploy of service "${service}": ${id} is defined twice`,
      {
        hint: "Remove one of the two definitions; objects without a namespace are placed in " +
          "the deploy's namespace",
      },
    );
  }
  seen.add(id);
}

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
