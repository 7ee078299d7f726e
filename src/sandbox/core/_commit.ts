/** The last stage of every write: identity, defaults, validation, ownership, generation, storage. */
import { timestamp } from "../_timestamps.ts";
import { recordUpdate } from "../ssa/mod.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import type { CoreContext } from "./_context.ts";
import { readCrd } from "./_crd.ts";
import { applyDefaults } from "./_defaults.ts";
import { convertVersion, storageVersionOf } from "./_hpa_versions.ts";
import { builtinSchemaCauses } from "./builtin_schema.ts";
import { customResourceCauses } from "./crd_validation.ts";
import { apiVersionOf, cloneJson, isObject, jsonEqual, meta, nameOf } from "./_json.ts";
import { admitPodPriority } from "./_pod_priority.ts";
import { checkPriorityClass } from "./_scheduling_rules.ts";
import { invalid } from "./_status.ts";
import { validateObject } from "./_validate.ts";

/** Who is writing, for `metadata.managedFields`. */
export interface WriteManager {
  name: string;
  /** `update`: record the changed fields (create, PUT, non-apply patch); `apply`: already recorded. */
  operation: "update" | "apply";
  subresource?: "status";
}

/** Options of {@linkcode commitWrite}. */
export interface CommitOptions {
  dryRun: boolean;
  manager: WriteManager;
  /** Called after storing, e.g. to finish a deletion whose finalizers are gone. */
  afterStore?: (stored: JsonObject) => void;
  /** A write of the sandbox itself (controllers, bootstrap): not checked against the schema. */
  trusted?: boolean;
}

const IDENTITY = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"];

function specChanged(type: ResourceType, a: JsonObject, b: JsonObject): boolean {
  const skip = (k: string) => k === "metadata" || (k === "status" && type.statusSubresource);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!skip(k) && !jsonEqual(a[k], b[k])) return true;
  return false;
}

function withoutTime(entries: unknown): unknown {
  if (!Array.isArray(entries)) return entries;
  return entries.map((e) => {
    if (!isObject(e)) return e;
    const { time: _time, ...rest } = e;
    return rest;
  });
}

/** True when two objects differ at most in managedFields times and resourceVersion. */
export function sameIgnoringTimes(a: JsonObject, b: JsonObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (k !== "metadata" && !jsonEqual(a[k], b[k])) return false;
  const ma = meta(a), mb = meta(b);
  const mkeys = new Set([...Object.keys(ma), ...Object.keys(mb)]);
  for (const k of mkeys) {
    if (k === "resourceVersion") continue;
    if (k === "managedFields") {
      if (!jsonEqual(withoutTime(ma[k]), withoutTime(mb[k]))) return false;
    } else if (!jsonEqual(ma[k], mb[k])) return false;
  }
  return true;
}

function stampIdentity(
  ctx: CoreContext,
  type: ResourceType,
  live: JsonObject | undefined,
  next: JsonObject,
  namespace: string,
): void {
  next["apiVersion"] = apiVersionOf(type.group, type.version);
  next["kind"] = type.kind;
  const m = next["metadata"] = { ...meta(next) };
  if (type.namespaced) m["namespace"] = namespace;
  else delete m["namespace"];
  if (live) {
    const lm = meta(live);
    for (const k of IDENTITY) {
      if (lm[k] === undefined) delete m[k];
      else m[k] = lm[k];
    }
    m["generation"] = lm["generation"] ?? 1;
  } else {
    for (const k of IDENTITY) delete m[k];
    m["uid"] = ctx.uid();
    m["creationTimestamp"] = timestamp(ctx.clock.now());
    m["generation"] = 1;
  }
}

function prepareCrd(
  ctx: CoreContext,
  type: ResourceType,
  live: JsonObject | undefined,
  next: JsonObject,
  dryRun: boolean,
): void {
  const { def, causes } = readCrd(next);
  if (!def) throw invalid(type, nameOf(next), causes);
  const now = timestamp(ctx.clock.now());
  const previous = isObject(live?.["status"]) ? live["status"] : undefined;
  const { status, accepted } = ctx.registry.evaluateCrd(def, previous, now);
  next["status"] = status;
  if (dryRun) return;
  if (accepted) ctx.registry.register(def);
  else ctx.registry.unregister(def.name);
}

/**
 * Commits `next` as the new state of an object (`live` when it exists). Returns the
 * stored object (the store's own: copy before handing it out), `live` itself when
 * nothing changed, or the would-be object on a dry run.
 */
export function commitWrite(
  ctx: CoreContext,
  type: ResourceType,
  live: JsonObject | undefined,
  input: JsonObject,
  namespace: string,
  options: CommitOptions,
): JsonObject {
  let next = cloneJson(input);
  stampIdentity(ctx, type, live, next, namespace);
  if (!options.trusted) {
    const wrong = type.crd === undefined
      ? builtinSchemaCauses(type, next)
      : customResourceCauses(type, next);
    if (wrong.length > 0) throw invalid(type, nameOf(next), wrong);
  }
  applyDefaults(type, next, live, ctx.alloc, options.dryRun);
  const causes = validateObject(type, next);
  if (causes.length > 0) throw invalid(type, nameOf(next), causes);
  checkPriorityClass(ctx, type, next, live);
  admitPodPriority(ctx, type, next, live, options.trusted ?? false);
  if (options.manager.operation === "update") {
    next = recordUpdate(live, next, {
      manager: options.manager.name,
      apiVersion: apiVersionOf(type.group, type.version),
      time: timestamp(ctx.clock.now()),
      schema: type,
      inPlace: true,
      ...(options.manager.subresource ? { subresource: options.manager.subresource } : {}),
    });
  }
  if (live && specChanged(type, live, next)) {
    meta(next)["generation"] = Number(meta(live)["generation"] ?? 1) + 1;
  }
  if (live && sameIgnoringTimes(live, next)) return live;
  const isCrd = type.group === "apiextensions.k8s.io" && type.kind === "CustomResourceDefinition";
  if (isCrd) prepareCrd(ctx, type, live, next, options.dryRun);
  if (options.dryRun) {
    if (live) meta(next)["resourceVersion"] = meta(live)["resourceVersion"];
    else delete meta(next)["resourceVersion"];
    return next;
  }
  const storage = storageVersionOf(type.group, type.kind);
  if (storage !== undefined) next = convertVersion(type.group, type.kind, next, storage);
  const stored = ctx.store.write(type.group, type.kind, next);
  options.afterStore?.(stored);
  return stored;
}
