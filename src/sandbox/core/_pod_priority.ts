/**
 * The Priority admission plugin for pods: a new pod naming `priorityClassName` gets the class's
 * `priority` and `preemptionPolicy` (403 when no such class exists), and a pod naming none gets
 * the `globalDefault` class when there is one. Also the two system classes every cluster has.
 */
import type { JsonObject, ResourceType } from "../types.ts";
import type { CoreContext } from "./_context.ts";
import { isObject, meta } from "./_json.ts";
import { forbidden } from "./_status.ts";

const GROUP = "scheduling.k8s.io";

/** `system-cluster-critical` and `system-node-critical`, as kube-apiserver creates them. */
export const SYSTEM_PRIORITY_CLASSES: readonly JsonObject[] = [
  [
    "system-node-critical",
    2000001000,
    "Used for system critical pods that must not be moved from their current node.",
  ],
  [
    "system-cluster-critical",
    2000000000,
    "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  ],
].map(([name, value, description]) => ({
  apiVersion: `${GROUP}/v1`,
  kind: "PriorityClass",
  metadata: { name },
  value,
  description,
}));

function classNamed(ctx: CoreContext, name: string): JsonObject | undefined {
  return ctx.store.get(GROUP, "PriorityClass", "", name);
}

function globalDefault(ctx: CoreContext): JsonObject | undefined {
  return ctx.store.list(GROUP, "PriorityClass").find((c) => c["globalDefault"] === true);
}

/**
 * Sets a new pod's `spec.priority` (and `preemptionPolicy`, `priorityClassName` from the default
 * class) from its PriorityClass; throws 403 for an unknown class unless the write is trusted.
 */
export function admitPodPriority(
  ctx: CoreContext,
  type: ResourceType,
  pod: JsonObject,
  live: JsonObject | undefined,
  trusted: boolean,
): void {
  if (live || type.crd !== undefined || type.group !== "" || type.kind !== "Pod") return;
  const spec = pod["spec"];
  if (!isObject(spec)) return;
  const named = typeof spec["priorityClassName"] === "string" && spec["priorityClassName"] !== "";
  const chosen = named ? classNamed(ctx, String(spec["priorityClassName"])) : globalDefault(ctx);
  if (!chosen) {
    if (!named || trusted) return;
    const why = `no PriorityClass with name ${spec["priorityClassName"]} was found`;
    throw forbidden(type, String(meta(pod)["name"] ?? ""), why);
  }
  spec["priorityClassName"] = meta(chosen)["name"];
  spec["priority"] = chosen["value"];
  spec["preemptionPolicy"] = chosen["preemptionPolicy"] ?? "PreemptLowerPriority";
}
