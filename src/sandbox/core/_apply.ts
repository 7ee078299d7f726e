/** Server-side apply (PATCH with `application/apply-patch+yaml`): create or merge with ownership. */
import { timestamp } from "../_timestamps.ts";
import {
  type ApplyRequest,
  type ApplyResult,
  conflictStatus,
  PatchError,
  serverSideApply,
} from "../ssa/mod.ts";
import type { WriteOptions } from "../api_types.ts";
import { type JsonObject, StatusError } from "../types.ts";
import { bodyObject, checkIdentity, checkOptions } from "./_checks.ts";
import { commitWrite } from "./_commit.ts";
import type { CoreContext } from "./_context.ts";
import { finishDeletion } from "./_delete.ts";
import { apiVersionOf, isObject, meta } from "./_json.ts";
import { badRequest, notFound, staleConflict } from "./_status.ts";
import { requireNamespace, servedLive, type Target } from "./_writes.ts";

function patchOf(target: Target, body: JsonObject): JsonObject {
  const m = isObject(body["metadata"]) ? body["metadata"] : {};
  if (m["managedFields"] !== undefined && m["managedFields"] !== null) {
    throw badRequest("metadata.managedFields must be nil");
  }
  const metadata: JsonObject = { ...m, name: target.name };
  if (target.type.namespaced) metadata["namespace"] = target.namespace;
  else delete metadata["namespace"];
  return {
    ...body,
    apiVersion: apiVersionOf(target.type.group, target.type.version),
    kind: target.type.kind,
    metadata,
  };
}

function runApply(request: ApplyRequest): ApplyResult {
  try {
    return serverSideApply(request);
  } catch (error) {
    if (error instanceof PatchError) throw badRequest(error.message);
    throw error;
  }
}

/**
 * Applies a configuration as `options.fieldManager`: creates the object when absent
 * (`created: true`), otherwise merges it with field ownership; 409 with one
 * FieldManagerConflict cause per field unless `force`.
 */
export function applyObject(
  ctx: CoreContext,
  target: Target,
  input: unknown,
  options: WriteOptions,
): { object: JsonObject; created: boolean } {
  checkOptions(options, "PatchOptions", true);
  const body = bodyObject(input);
  const named = isObject(body["metadata"]) && body["metadata"]["name"] !== undefined;
  checkIdentity(target.type, body, target.namespace, named ? target.name : undefined);
  const patch = patchOf(target, body);
  const { type } = target;
  const live = servedLive(
    type,
    ctx.store.get(type.group, type.kind, target.namespace, target.name),
  );
  const rv = meta(patch)["resourceVersion"];
  if (!live) {
    if (target.subresource) throw notFound(type, target.name);
    requireNamespace(ctx, target);
  }
  if (rv !== undefined && rv !== "" && rv !== (live && meta(live)["resourceVersion"])) {
    throw staleConflict(type, target.name);
  }
  const apiVersion = apiVersionOf(type.group, type.version);
  const result = runApply({
    live,
    patch,
    manager: options.fieldManager ?? "",
    force: options.force ?? false,
    apiVersion,
    time: timestamp(ctx.clock.now()),
    schema: type,
    ...(target.subresource ? { subresource: target.subresource } : {}),
  });
  if (!result.ok) {
    const { message, causes } = conflictStatus(result.conflicts);
    throw new StatusError(409, "Conflict", message, { causes });
  }
  const object = commitWrite(ctx, type, live, result.object, target.namespace, {
    dryRun: options.dryRun ?? false,
    manager: { name: options.fieldManager ?? "", operation: "apply" },
    afterStore: (stored) => finishDeletion(ctx, type.group, type.kind, stored),
  });
  return { object, created: live === undefined };
}
