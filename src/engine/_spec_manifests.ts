/** The objects a deploy spec names: given as objects, as YAML/JSON text, or as file paths. */
import {
  type KubeObject,
  type LoadedManifests,
  loadManifestFiles,
  loadManifestSources,
} from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeploySpec } from "./types.ts";

/** What the manifests of a spec came to: the objects, and warnings the loader gave. */
export interface SpecManifests {
  objects: readonly KubeObject[];
  warnings: string[];
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
  };
}

/**
 * Resolves `spec.manifests` (objects or YAML/JSON text) and `spec.files` into objects; text and
 * files are parsed and validated, with errors naming the file, document, line and field.
 */
export async function specManifests(
  ctx: EngineContext,
  spec: DeploySpec,
): Promise<SpecManifests> {
  const ns = spec.namespace === undefined ? {} : { namespace: spec.namespace };
  const files = spec.files ?? [];
  const given = spec.manifests;
  if (files.length > 0 && given !== undefined) {
    throw new NopeaError("SPEC_INVALID", "Cannot deploy both manifests and files", {
      hint: "Pass either `manifests` (objects or YAML text) or `files` (paths)",
    });
  }
  if (files.length > 0) {
    const read = ctx.deps.readManifestFiles ?? loadManifestFiles;
    return fromLoaded(await read(files, ns));
  }
  if (typeof given === "string") {
    if (given.trim() === "") throw noManifests(spec.service);
    return fromLoaded(loadManifestSources([{ name: "manifests", text: given }], ns));
  }
  if (!Array.isArray(given) || given.length === 0) throw noManifests(spec.service);
  return { objects: given, warnings: [] };
}
