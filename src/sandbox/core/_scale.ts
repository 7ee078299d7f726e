/** The `scale` subresource: an `autoscaling/v1` Scale view of a workload's replicas. */
import type { PatchType, WriteOptions } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import { bodyObject, checkOptions } from "./_checks.ts";
import { commitWrite } from "./_commit.ts";
import { type CoreContext, DEFAULT_MANAGER } from "./_context.ts";
import { getPath, isObject, meta } from "./_json.ts";
import { invalid, invalidValue, staleConflict } from "./_status.ts";
import { labelSelectorString } from "./selectors.ts";
import { liveOf, patchDocument, type Target } from "./_writes.ts";

function pathOf(jsonPath: string): string[] {
  return jsonPath.split(".").filter((p) => p !== "");
}

/** The Scale of a stored object. */
export function toScale(ctx: CoreContext, type: ResourceType, obj: JsonObject): JsonObject {
  const paths = ctx.registry.scalePaths(type.group, type.kind);
  const m = meta(obj);
  const selectorValue = paths.labelSelectorPath
    ? getPath(obj, pathOf(paths.labelSelectorPath))
    : undefined;
  const selector = typeof selectorValue === "string"
    ? selectorValue
    : labelSelectorString(selectorValue);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m["name"],
      ...(m["namespace"] ? { namespace: m["namespace"] } : {}),
      uid: m["uid"],
      resourceVersion: m["resourceVersion"],
      creationTimestamp: m["creationTimestamp"],
    },
    spec: { replicas: Number(getPath(obj, pathOf(paths.specReplicasPath)) ?? 0) },
    status: {
      replicas: Number(getPath(obj, pathOf(paths.statusReplicasPath)) ?? 0),
      ...(selector ? { selector } : {}),
    },
  };
}

function setPath(obj: JsonObject, path: string[], value: unknown): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const inner = isObject(obj[head]) ? obj[head] : {};
  return { ...obj, [head]: rest.length === 0 ? value : setPath(inner, rest, value) };
}

/** Writes a Scale (PUT, or a patch applied to the Scale view) back as the object's replicas. */
export function writeScale(
  ctx: CoreContext,
  target: Target,
  change: { body: unknown; patchType?: PatchType },
  options: WriteOptions,
): JsonObject {
  const { type } = target;
  checkOptions(options, change.patchType ? "PatchOptions" : "UpdateOptions", false);
  const live = liveOf(ctx, target);
  const current = toScale(ctx, type, live);
  const scale = change.patchType === undefined ? bodyObject(change.body) : patchDocument(
    type,
    change.patchType === "apply" ? "merge" : change.patchType,
    current,
    change.body,
  );
  const rv = getPath(scale, ["metadata", "resourceVersion"]);
  if (rv !== undefined && rv !== "" && rv !== meta(live)["resourceVersion"]) {
    throw staleConflict(type, target.name);
  }
  const replicas = getPath(scale, ["spec", "replicas"]);
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: "autoscaling", kind: "Scale" }, target.name, [
      invalidValue("spec.replicas", replicas ?? null, "must be greater than or equal to 0"),
    ]);
  }
  const paths = ctx.registry.scalePaths(type.group, type.kind);
  const next = setPath(live, pathOf(paths.specReplicasPath), replicas);
  const stored = commitWrite(ctx, type, live, next, target.namespace, {
    dryRun: options.dryRun ?? false,
    manager: { name: options.fieldManager ?? DEFAULT_MANAGER, operation: "update" },
  });
  return toScale(ctx, type, stored);
}
