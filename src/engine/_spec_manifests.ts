/** The objects a deploy spec names: given as objects, as YAML/JSON text, or as file paths. */
import {
  checkManifestSources,
  describeLocation,
  type KubeObject,
  type LoadedManifests,
  loadManifestFiles,
} from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeploySpec } from "./types.ts";

/** What the manifests of a spec came to: the objects, warnings, and where each was written. */
export interface SpecManifests {
  objects: readonly KubeObject[];
  warnings: string[];
  /** Where an object was written (`"app.yaml" document 2 (line 14)`), for text and files. */
  locate?: (object: KubeObject) => string | undefined;
}

/** `apiVersion|kind|name|namespace`: how a planned object is matched to what was written. */
function identity(o: KubeObject, namespace = o.metadata.namespace ?? ""): string {
  return `${o.apiVersion}|${o.kind}|${o.metadata.name ?? ""}|${namespace}`;
}

/** Finds a planned object's location: by its namespace, else as written without one. */
function locator(loaded: LoadedManifests): (object: KubeObject) => string | undefined {
  const where = new Map(
    loaded.objects.map((o) => [identity(o.object), describeLocation(o.location)]),
  );
  return (object) => where.get(identity(object)) ?? where.get(identity(object, ""));
}

function noManifests(service: string): NopeaError {
  return new NopeaError("SPEC_INVALID", `Cannot deploy service "${service}": no manifests given`, {
    hint: "Pass at least one manifest: objects, YAML text, or files (-f FILE|DIR|-)",
  });
}

function fromLoaded(loaded: LoadedManifests): SpecManifests {
  return {
    objects: loaded.objects.map((o) => o.object),
    warnings: loaded.warnings.map((w) => w.message),
    locate: locator(loaded),
  };
}

/**
 * Resolves `spec.manifests` (objects or YAML/JSON text) and `spec.files` into validated objects,
 * errors naming the file (or `manifests`), document, line and field. `spec.namespace` is the
 * caller's own: a manifest naming another namespace conflicts with it, not with a default.
 */
export async function specManifests(
  ctx: EngineContext,
  spec: DeploySpec,
): Promise<SpecManifests> {
  const cache = ctx.deps.schemaCache;
  const options = {
    ...(spec.namespace === undefined ? {} : { namespace: spec.namespace }),
    ...(cache ? { schemaCache: cache } : {}),
  };
  const files = spec.files ?? [];
  const given = spec.manifests;
  if (files.length > 0 && given !== undefined) {
    throw new NopeaError("SPEC_INVALID", "Cannot deploy both manifests and files", {
      hint: "Pass either `manifests` (objects or YAML text) or `files` (paths)",
    });
  }
  if (files.length > 0) {
    const read = ctx.deps.readManifestFiles ?? loadManifestFiles;
    return fromLoaded(await read(files, options));
  }
  if (typeof given === "string") {
    if (given.trim() === "") throw noManifests(spec.service);
    return fromLoaded(await checkManifestSources([{ name: "manifests", text: given }], options));
  }
  if (!Array.isArray(given) || given.length === 0) throw noManifests(spec.service);
  // Objects are checked like text (schema included), each named by its place in the array.
  const sources = given.map((o, i) => ({ name: `manifests[${i}]`, text: JSON.stringify(o) }));
  return fromLoaded(await checkManifestSources(sources, options));
}
