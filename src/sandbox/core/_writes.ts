/** The write verbs: create (POST), replace (PUT) and the non-apply patches. */
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from "../ssa/mod.ts";
import type { PatchType, WriteOptions } from "../api_types.ts";
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";
import { bodyObject, checkIdentity, checkOptions } from "./_checks.ts";
import { commitWrite } from "./_commit.ts";
import { type CoreContext, DEFAULT_MANAGER } from "./_context.ts";
import { finishDeletion } from "./_delete.ts";
import { convertVersion } from "./_hpa_versions.ts";
import { apiVersionOf, isObject, meta } from "./_json.ts";
import {
  alreadyExists,
  badRequest,
  invalid,
  namespaceNotFound,
  notFound,
  required,
  staleConflict,
} from "./_status.ts";

/** The target of a write: its resolved type, namespace (`""` when cluster-scoped) and name. */
export interface Target {
  type: ResourceType;
  namespace: string;
  name: string;
  subresource: "status" | undefined;
}

const NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

function generatedName(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return prefix + [...bytes].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join("");
}

/** 404 unless the namespace of a namespaced write exists. */
export function requireNamespace(ctx: CoreContext, target: Omit<Target, "name">): void {
  if (target.type.namespaced && !ctx.store.get("", "Namespace", "", target.namespace)) {
    throw namespaceNotFound(target.namespace);
  }
}

function afterStore(ctx: CoreContext, type: ResourceType): (stored: JsonObject) => void {
  return (stored) => finishDeletion(ctx, type.group, type.kind, stored);
}

/** POST: creates the object named by the body (or generated from `generateName`). */
export function createObject(
  ctx: CoreContext,
  target: Omit<Target, "name">,
  input: unknown,
  options: WriteOptions,
): JsonObject {
  checkOptions(options, "CreateOptions", false);
  const { type, namespace } = target;
  const body = bodyObject(input);
  checkIdentity(type, body, namespace, undefined);
  const m = isObject(body["metadata"]) ? body["metadata"] : {};
  if (m["resourceVersion"] !== undefined && m["resourceVersion"] !== "") {
    throw badRequest("resourceVersion should not be set on objects to be created");
  }
  let name = typeof m["name"] === "string" ? m["name"] : "";
  if (!name && typeof m["generateName"] === "string" && m["generateName"]) {
    name = generatedName(m["generateName"]);
  }
  if (!name) {
    throw invalid(type, "", [required("metadata.name", "name or generateName is required")]);
  }
  requireNamespace(ctx, target);
  if (ctx.store.get(type.group, type.kind, namespace, name)) throw alreadyExists(type, name);
  const next: JsonObject = { ...body, metadata: { ...m, name } };
  if (type.statusSubresource) delete next["status"];
  return commitWrite(ctx, type, undefined, next, namespace, {
    dryRun: options.dryRun ?? false,
    manager: { name: options.fieldManager ?? DEFAULT_MANAGER, operation: "update" },
  });
}

/** The stored object a write addresses (404 when absent). */
export function liveOf(ctx: CoreContext, target: Target): JsonObject {
  const live = ctx.store.get(target.type.group, target.type.kind, target.namespace, target.name);
  if (!live) throw notFound(target.type, target.name);
  return live;
}

/** The stored object as the write's version sees it (the store's own when no conversion applies). */
export function servedLive(type: ResourceType, live: JsonObject): JsonObject;
export function servedLive(
  type: ResourceType,
  live: JsonObject | undefined,
): JsonObject | undefined;
export function servedLive(type: ResourceType, live: JsonObject | undefined) {
  return live && convertVersion(type.group, type.kind, live, type.version);
}

/** Keeps what a write may not change: other parts than status on /status, status on the main resource. */
export function scopeChange(target: Target, live: JsonObject, next: JsonObject): JsonObject {
  if (target.subresource === "status") {
    const out: JsonObject = { ...live };
    if (next["status"] === undefined) delete out["status"];
    else out["status"] = next["status"];
    return out;
  }
  if (!target.type.statusSubresource) return next;
  const out: JsonObject = { ...next };
  if (live["status"] === undefined) delete out["status"];
  else out["status"] = live["status"];
  return out;
}

/** PUT: replaces the object (only its status on /status); a set resourceVersion must match. */
export function replaceObject(
  ctx: CoreContext,
  target: Target,
  input: unknown,
  options: WriteOptions,
): JsonObject {
  checkOptions(options, "UpdateOptions", false);
  const body = bodyObject(input);
  checkIdentity(target.type, body, target.namespace, target.name);
  const live = servedLive(target.type, liveOf(ctx, target));
  return commitUpdate(ctx, target, live, body, options);
}

/** Applies a merge, JSON or strategic merge patch document to an object. */
export function patchDocument(
  type: ResourceType,
  patchType: Exclude<PatchType, "apply">,
  target: JsonObject,
  body: unknown,
): JsonObject {
  try {
    if (patchType === "merge") return mergePatch(target, body);
    if (patchType === "json") return jsonPatch(target, body);
    return strategicMergePatch(target, body, type);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    if (patchType === "json") throw new StatusError(422, "Invalid", error.message);
    throw badRequest(error.message);
  }
}

/** PATCH (merge, json, strategic): patches the live object (only its status on /status). */
export function patchObject(
  ctx: CoreContext,
  target: Target,
  patchType: Exclude<PatchType, "apply">,
  body: unknown,
  options: WriteOptions,
): JsonObject {
  checkOptions(options, "PatchOptions", false);
  const live = servedLive(target.type, liveOf(ctx, target));
  const view = { ...live, apiVersion: apiVersionOf(target.type.group, target.type.version) };
  const patched = patchDocument(target.type, patchType, view, body);
  checkIdentity(target.type, patched, target.namespace, target.name);
  return commitUpdate(ctx, target, live, patched, options);
}

/**
 * Commits a non-apply write (PUT or patch) as an "Update" by the field manager: a
 * `metadata.resourceVersion` in the new object is a precondition (409 when stale).
 */
function commitUpdate(
  ctx: CoreContext,
  target: Target,
  live: JsonObject,
  next: JsonObject,
  options: WriteOptions,
): JsonObject {
  const rv = meta(next)["resourceVersion"];
  if (rv !== undefined && rv !== null && rv !== "" && rv !== meta(live)["resourceVersion"]) {
    throw staleConflict(target.type, target.name);
  }
  return commitWrite(ctx, target.type, live, scopeChange(target, live, next), target.namespace, {
    dryRun: options.dryRun ?? false,
    manager: {
      name: options.fieldManager ?? DEFAULT_MANAGER,
      operation: "update",
      ...(target.subresource ? { subresource: target.subresource } : {}),
    },
    afterStore: afterStore(ctx, target.type),
  });
}
