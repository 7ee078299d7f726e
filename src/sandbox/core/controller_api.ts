/** The object store as simulated controllers see it (`ControllerApi`). */
import type { ControllerApi, JsonObject, ObjectEvent, ResourceType } from "../types.ts";
import { parseApiVersion } from "../../manifests/mod.ts";
import type { Scheduler } from "./scheduler.ts";
import { commitWrite } from "./_commit.ts";
import { CONTROLLER_MANAGER, type CoreContext } from "./_context.ts";
import { deleteObject, finishDeletion } from "./_delete.ts";
import { cloneJson, nameOf, namespaceOf } from "./_json.ts";
import { resourceNotFound } from "./_status.ts";
import { requireNamespace } from "./_writes.ts";

function typeOf(ctx: CoreContext, group: string, kind: string, version?: string): ResourceType {
  const exact = version === undefined ? undefined : ctx.registry.findKind(group, version, kind);
  const type = exact ?? ctx.registry.storageTypes(group, kind)[0];
  if (!type) throw resourceNotFound();
  return type;
}

function storedVersionOf(obj: JsonObject): string | undefined {
  return typeof obj["apiVersion"] === "string"
    ? parseApiVersion(obj["apiVersion"]).version
    : undefined;
}

function putObject(ctx: CoreContext, obj: JsonObject, manager: string): JsonObject {
  const { group } = parseApiVersion(String(obj["apiVersion"] ?? ""));
  const type = typeOf(ctx, group, String(obj["kind"] ?? ""), storedVersionOf(obj));
  const namespace = type.namespaced ? namespaceOf(obj) : "";
  const live = ctx.store.get(type.group, type.kind, namespace, nameOf(obj));
  if (!live) requireNamespace(ctx, { type, namespace, subresource: undefined });
  return commitWrite(ctx, type, live, obj, namespace, {
    dryRun: false,
    trusted: true,
    manager: { name: manager, operation: "update" },
    afterStore: (s) => finishDeletion(ctx, type.group, type.kind, s),
  });
}

/**
 * Creates the ControllerApi of a core: same store, same rules, writes recorded as `manager`;
 * `settlers` holds what the core runs before serving a read.
 */
export function createControllerApi(
  ctx: CoreContext,
  scheduler: Scheduler,
  settlers: Set<() => void>,
): ControllerApi {
  return {
    clock: ctx.clock,
    get(group, kind, namespace, name) {
      const obj = ctx.store.get(group, kind, namespace, name);
      return obj ? cloneJson(obj) : undefined;
    },
    peek: (group, kind, namespace, name) => ctx.store.get(group, kind, namespace, name),
    list(group, kind, namespace) {
      return ctx.store.list(group, kind, namespace).map((o) => cloneJson(o));
    },
    writeStatus(group, kind, namespace, name, status, manager = CONTROLLER_MANAGER) {
      const live = ctx.store.get(group, kind, namespace, name);
      if (!live) return undefined;
      const type = typeOf(ctx, group, kind, storedVersionOf(live));
      const stored = commitWrite(ctx, type, live, { ...live, status }, namespace, {
        dryRun: false,
        trusted: true,
        manager: { name: manager, operation: "update", subresource: "status" },
      });
      return cloneJson(stored);
    },
    put: (obj, manager = CONTROLLER_MANAGER) => cloneJson(putObject(ctx, obj, manager)),
    remove(group, kind, namespace, name) {
      const live = ctx.store.get(group, kind, namespace, name);
      if (!live) return false;
      deleteObject(ctx, group, kind, live, "Background");
      return true;
    },
    onChange(listener: (event: ObjectEvent) => void) {
      return ctx.store.subscribe((e) => {
        listener({ type: e.type, group: e.group, kind: e.kind, object: cloneJson(e.object) });
      });
    },
    onCommit(listener: (event: ObjectEvent) => void) {
      return ctx.store.subscribe((e) => {
        listener({ type: e.type, group: e.group, kind: e.kind, object: e.object });
      });
    },
    schedule(atMs, task) {
      scheduler.schedule(atMs, task);
    },
    realTime: () => scheduler.running,
    beforeRead(settle) {
      settlers.add(settle);
      return () => settlers.delete(settle);
    },
  };
}
