/** The checks of planning: valid options, namespaces placed by scope, no duplicate objects. */
import type { ResourceInfo } from "../kube/mod.ts";
import {
  isDns1123Label,
  isLabelValue,
  isQualifiedName,
  type KubeObject,
} from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { PlanOptions } from "./_plan_types.ts";

/** Throws `SPEC_INVALID` for a bad service, namespace, deploy id or label. */
export function checkOptions(options: PlanOptions): void {
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
export function placeNamespace(
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
export function rejectDuplicate(seen: Set<string>, id: string, service: string): void {
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
