/**
 * The Kubernetes ApplySet convention (KEP-3659): every object of a service's deploy carries
 * `applyset.kubernetes.io/part-of: <id>`, and a parent ConfigMap `applyset-<service>` in the
 * deploy's namespace names the set (`applyset.kubernetes.io/id`, the tooling, the group-kinds and
 * other namespaces it holds), so `kubectl get -l applyset.kubernetes.io/part-of=<id>` and other
 * ApplySet-aware tools see the same set Nopea prunes.
 */
import { createHash } from "node:crypto";
import { type KubeObject, parseApiVersion } from "../manifests/mod.ts";

/** The label every member of a set carries. */
export const APPLYSET_PART_OF = "applyset.kubernetes.io/part-of";
/** The label of the parent naming the set. */
export const APPLYSET_ID = "applyset.kubernetes.io/id";

/** The parent ConfigMap's name for a service. */
export function applySetParentName(service: string): string {
  return `applyset-${service}`;
}

/**
 * The set's id, as KEP-3659 defines it for a ConfigMap parent:
 * `applyset-<base64url(sha256("<name>.<namespace>.ConfigMap."))>-v1`.
 *
 * @example
 * ```ts
 * import { applySetId } from "./applyset.ts";
 * import { match } from "node:assert/strict";
 * match(applySetId("web", "shop"), /^applyset-[A-Za-z0-9_-]{43}-v1$/);
 * ```
 */
export function applySetId(service: string, namespace: string): string {
  const text = `${applySetParentName(service)}.${namespace}.ConfigMap.`;
  return `applyset-${createHash("sha256").update(text).digest("base64url")}-v1`;
}

/** The parent ConfigMap of a service's set in `namespace`, naming what `members` hold. */
export function applySetParent(
  service: string,
  namespace: string,
  members: readonly KubeObject[],
  tooling: string,
): KubeObject {
  const kinds = [
    ...new Set(members.map((o) => {
      const { group } = parseApiVersion(o.apiVersion);
      return group ? `${o.kind}.${group}` : o.kind;
    })),
  ].sort();
  const others = [
    ...new Set(
      members.map((o) => o.metadata.namespace).filter(
        (ns): ns is string => ns !== undefined && ns !== namespace,
      ),
    ),
  ].sort();
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: applySetParentName(service),
      namespace,
      labels: {
        [APPLYSET_ID]: applySetId(service, namespace),
        "app.kubernetes.io/managed-by": "nopea",
        "nopea.io/service": service,
      },
      annotations: {
        "applyset.kubernetes.io/tooling": tooling,
        "applyset.kubernetes.io/contains-group-kinds": kinds.join(","),
        ...(others.length > 0
          ? { "applyset.kubernetes.io/additional-namespaces": others.join(",") }
          : {}),
      },
    },
  };
}
