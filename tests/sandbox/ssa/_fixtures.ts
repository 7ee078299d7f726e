/** Shared fixtures of the SSA tests: a Deployment schema, objects and apply/update helpers. */
import {
  type ApplyConflict,
  type FieldSchema,
  recordUpdate,
  serverSideApply,
} from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";

export const T0 = "2026-01-01T00:00:00Z";
export const T1 = "2026-01-01T00:01:00Z";
export const T2 = "2026-01-01T00:02:00Z";

/** The list keys kube declares for a Deployment (the parts these tests use). */
export const deploymentSchema: FieldSchema = {
  statusSubresource: true,
  listMapKeys: {
    "spec.template.spec.containers": ["name"],
    "spec.template.spec.containers.env": ["name"],
    "spec.template.spec.containers.ports": ["containerPort", "protocol"],
    "status.conditions": ["type"],
  },
  listSets: ["spec.template.spec.tags"],
};

/** A ConfigMap-like schema: no status subresource, no keyed lists. */
export const plainSchema: FieldSchema = { statusSubresource: false, listMapKeys: {}, listSets: [] };

/** A Deployment apply configuration named "web" in "prod". */
export function deployment(spec: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "prod" },
    spec,
    ...extra,
  };
}

/** A pod template spec with the given containers. */
export function podSpec(...containers: JsonObject[]): JsonObject {
  return { template: { spec: { containers } } };
}

export interface ApplyOptions {
  force?: boolean;
  time?: string;
  schema?: FieldSchema;
  subresource?: "status";
}

/** Applies and returns the object; fails the test on conflicts. */
export function applied(
  live: JsonObject | undefined,
  patch: JsonObject,
  manager: string,
  opts: ApplyOptions = {},
): JsonObject {
  const result = serverSideApply({
    live,
    patch,
    manager,
    force: opts.force ?? false,
    apiVersion: "apps/v1",
    time: opts.time ?? T0,
    schema: opts.schema ?? deploymentSchema,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  });
  if (!result.ok) throw new Error(`unexpected conflicts: ${JSON.stringify(result.conflicts)}`);
  return result.object;
}

/** Applies and returns the conflicts; fails the test when the apply succeeds. */
export function conflicted(
  live: JsonObject,
  patch: JsonObject,
  manager: string,
  schema: FieldSchema = deploymentSchema,
): ApplyConflict[] {
  const result = serverSideApply({
    live,
    patch,
    manager,
    force: false,
    apiVersion: "apps/v1",
    time: T1,
    schema,
  });
  if (result.ok) throw new Error("expected conflicts, the apply succeeded");
  return result.conflicts;
}

/** A non-apply write by `manager` (operation Update). */
export function updated(
  before: JsonObject | undefined,
  after: JsonObject,
  manager: string,
  time = T1,
): JsonObject {
  return recordUpdate(before, after, {
    manager,
    apiVersion: "apps/v1",
    time,
    schema: deploymentSchema,
  });
}

/** The managedFields entries of an object. */
export function entries(obj: JsonObject): JsonObject[] {
  const meta = obj["metadata"] as JsonObject | undefined;
  return (meta?.["managedFields"] as JsonObject[] | undefined) ?? [];
}

/** The fieldsV1 of one manager's entry (undefined when it has none). */
export function fieldsOf(obj: JsonObject, manager: string, operation = "Apply"): unknown {
  return entries(obj).find((e) => e["manager"] === manager && e["operation"] === operation)
    ?.["fieldsV1"];
}

/** The value at a dotted path (numeric parts index arrays). */
export function at(obj: unknown, path: string): unknown {
  let current = obj;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
