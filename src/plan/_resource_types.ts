// Resource types of a manifest set: from its own CRDs (which discovery cannot know yet), else discovery.
import type { ResourceInfo } from "../kube/mod.ts";
import { isPlainObject, type KubeObject, parseApiVersion } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** Key of a resource type: `apiVersion|Kind`. */
export function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function subresourcesOf(value: unknown): string[] {
  return Object.keys(record(value)).filter((name) => name === "status" || name === "scale");
}

/** Served versions of a CRD spec (`versions[]` of v1, or the single `version` of v1beta1). */
function versionsOf(spec: Record<string, unknown>): { name: string; subresources: string[] }[] {
  const versions = Array.isArray(spec["versions"]) ? spec["versions"] : [];
  const served = versions.map(record).filter((v) =>
    typeof v["name"] === "string" && v["served"] !== false
  )
    .map((v) => ({
      name: v["name"] as string,
      subresources: subresourcesOf(v["subresources"] ?? spec["subresources"]),
    }));
  if (served.length === 0 && typeof spec["version"] === "string") {
    served.push({ name: spec["version"], subresources: subresourcesOf(spec["subresources"]) });
  }
  return served;
}

/** The resource types that CustomResourceDefinitions among `objects` define, by {@linkcode typeKey}. */
function crdResources(objects: readonly KubeObject[]): Map<string, ResourceInfo> {
  const types = new Map<string, ResourceInfo>();
  for (const obj of objects) {
    if (
      obj.kind !== "CustomResourceDefinition" ||
      parseApiVersion(obj.apiVersion).group !== "apiextensions.k8s.io"
    ) continue;
    const spec = record(obj["spec"]);
    const names = record(spec["names"]);
    const group = spec["group"], kind = names["kind"], plural = names["plural"];
    if (typeof group !== "string" || typeof kind !== "string" || typeof plural !== "string") {
      continue;
    }
    for (const version of versionsOf(spec)) {
      types.set(typeKey(`${group}/${version.name}`, kind), {
        group,
        version: version.name,
        kind,
        plural,
        namespaced: spec["scope"] !== "Cluster",
        subresources: version.subresources,
      });
    }
  }
  return types;
}

/** Discovery: the resource type serving a kind, `undefined` when the cluster does not serve it. */
export type Resolve = (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>;

/**
 * Resolves every distinct type of `objects` once, in parallel; CRDs of the set answer for their
 * own kinds. Throws `KUBE_NOT_FOUND_KIND` naming every type nobody serves.
 */
export async function resolveTypes(
  objects: readonly KubeObject[],
  resolve: Resolve,
  service: string,
): Promise<Map<string, ResourceInfo>> {
  const types = crdResources(objects);
  const pending = new Map<string, { apiVersion: string; kind: string }>();
  for (const { apiVersion, kind } of objects) {
    const key = typeKey(apiVersion, kind);
    if (!types.has(key)) pending.set(key, { apiVersion, kind });
  }
  const entries = [...pending];
  const infos = await Promise.all(entries.map(([, t]) => resolve(t.apiVersion, t.kind)));
  const unknown: { apiVersion: string; kind: string }[] = [];
  entries.forEach(([key, type], i) => {
    const info = infos[i];
    if (info === undefined) unknown.push(type);
    else types.set(key, info);
  });
  if (unknown.length === 0) return types;
  const list = unknown.map((t) => `kind "${t.kind}" in apiVersion "${t.apiVersion}"`).join(", ");
  throw new NopeaError(
    "KUBE_NOT_FOUND_KIND",
    `Cannot plan deploy of service "${service}": the cluster does not serve ${list}`,
    {
      hint: "Install the CustomResourceDefinition that defines the kind (or add it to the " +
        "manifests), or fix the apiVersion; `kubectl api-resources` lists what is served",
      details: { kinds: unknown },
    },
  );
}
