/** Export and import of the whole store (objects, CRD registrations, resourceVersion counter). */
import { NopeaError } from "../../shared/mod.ts";
import { parseApiVersion } from "../../manifests/mod.ts";
import type { JsonObject } from "../types.ts";
import type { CoreContext } from "./_context.ts";
import { type CrdDefinition, readCrd } from "./_crd.ts";
import { cloneJson, getPath, isObject } from "./_json.ts";

/** The `kind` of an exported state document. */
export const STATE_KIND = "SandboxState";

/** The format version of exported state. */
export const STATE_VERSION = 1;

function fail(why: string): NopeaError {
  return new NopeaError("SANDBOX_STATE", `Cannot import sandbox state: ${why}`, {
    hint: "Delete the state file to start a fresh sandbox",
  });
}

/** Every stored object (deep copies), with the resourceVersion counter. */
export function exportStore(ctx: CoreContext): JsonObject {
  const objects: JsonObject[] = [];
  for (const { object } of ctx.store.entries()) objects.push(cloneJson(object));
  return {
    kind: STATE_KIND,
    version: STATE_VERSION,
    resourceVersion: String(ctx.store.resourceVersion),
    objects,
  };
}

interface Parsed {
  rv: number;
  crds: CrdDefinition[];
  objects: { group: string; kind: string; object: JsonObject }[];
}

function parseState(state: unknown): Parsed {
  if (!isObject(state) || state["kind"] !== STATE_KIND) throw fail(`not a ${STATE_KIND} document`);
  if (state["version"] !== STATE_VERSION) {
    throw fail(`format version ${JSON.stringify(state["version"])} is not ${STATE_VERSION}`);
  }
  const rvText = state["resourceVersion"];
  if (typeof rvText !== "string" || !/^\d+$/.test(rvText)) throw fail("resourceVersion is missing");
  const list = state["objects"];
  if (!Array.isArray(list)) throw fail("objects is not a list");
  const parsed: Parsed = { rv: Number(rvText), crds: [], objects: [] };
  list.forEach((obj, i) => {
    const name = getPath(obj, ["metadata", "name"]);
    if (
      !isObject(obj) || typeof obj["apiVersion"] !== "string" || typeof obj["kind"] !== "string" ||
      typeof name !== "string"
    ) {
      throw fail(`object ${i} has no apiVersion, kind or metadata.name`);
    }
    const { group } = parseApiVersion(obj["apiVersion"]);
    parsed.objects.push({ group, kind: obj["kind"], object: cloneJson(obj) });
    if (group === "apiextensions.k8s.io" && obj["kind"] === "CustomResourceDefinition") {
      const { def } = readCrd(obj);
      const established = getPath(obj, ["status", "conditions"]);
      const ok = Array.isArray(established) &&
        established.some((c) =>
          isObject(c) && c["type"] === "Established" && c["status"] === "True"
        );
      if (def && ok) parsed.crds.push(def);
    }
  });
  return parsed;
}

/**
 * Replaces everything stored by an exported state: registers its Established CRDs, restores
 * its objects and resourceVersion counter. Emits no watch events; watches that
 * resume from an older resourceVersion get 410 Expired.
 *
 * @throws {NopeaError} `SANDBOX_STATE` when the document is not a valid export (nothing changes)
 */
export function importStore(ctx: CoreContext, state: unknown): void {
  const parsed = parseState(state);
  const crdKinds = new Set(parsed.crds.map((d) => `${d.group}/${d.names.kind}`));
  parsed.objects.forEach(({ group, kind }, i) => {
    const known = ctx.registry.isBuiltin(group, kind) || crdKinds.has(`${group}/${kind}`);
    if (!known) throw fail(`object ${i} is a ${kind} of group "${group}", which no CRD defines`);
  });
  for (const name of ctx.registry.crdNames()) ctx.registry.unregister(name);
  for (const def of parsed.crds) ctx.registry.register(def);
  ctx.store.reset(parsed.rv);
  ctx.alloc.reset();
  for (const { group, kind, object } of parsed.objects) {
    ctx.store.restore(group, kind, object);
    if (group === "" && kind === "Service") ctx.alloc.track(object, true);
  }
}
