/** Manifests as callers pass them: YAML/JSON text, objects, or file paths. */
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { checkManifestSources, type KubeObject, loadManifestFiles } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** The `manifests` field of deploy and diff. */
export const manifestsInput = z.union([
  z.string().min(1).describe("YAML or JSON text: one or more documents"),
  z.array(z.union([z.record(z.unknown()), z.string()])).min(1).describe(
    "Kubernetes objects, or file/directory paths relative to the server's working directory",
  ),
]).describe(
  "The manifests: YAML/JSON text, an array of Kubernetes objects, or an array of file paths",
);

type ManifestsInput = z.infer<typeof manifestsInput>;

/** Where manifests are read from: the working directory, and stdin for `-` when the door has one. */
export interface ManifestPlace {
  cwd: string;
  readStdin?: (() => Promise<string>) | undefined;
}

/**
 * The manifests as the engine takes them: text, objects (the engine validates both), or files
 * resolved against the working directory (`-` stays stdin when the door reads one).
 */
export function manifestSource(
  input: ManifestsInput,
  place: ManifestPlace,
): { manifests: string | KubeObject[] } | { files: string[] } {
  if (typeof input === "string") return { manifests: input };
  const paths = input.filter((i): i is string => typeof i === "string");
  const objects = input.filter((i): i is Record<string, unknown> => typeof i !== "string");
  if (paths.length > 0 && objects.length > 0) {
    throw new NopeaError("SPEC_INVALID", "Cannot mix file paths and objects in manifests", {
      hint: "Pass either an array of objects or an array of paths",
    });
  }
  // Objects go to the engine as they are: it validates them like text.
  if (paths.length === 0) return { manifests: objects as unknown as KubeObject[] };
  const stdin = place.readStdin !== undefined;
  return {
    files: paths.map((p) => (p === "-" && stdin) || isAbsolute(p) ? p : join(place.cwd, p)),
  };
}

/** Turns the `manifests` input into validated objects; errors name the document and field. */
export async function loadManifestInput(
  input: ManifestsInput,
  options: ManifestPlace & { namespace?: string },
): Promise<{ objects: KubeObject[]; warnings: string[] }> {
  const ns = options.namespace === undefined ? {} : { namespace: options.namespace };
  const source = manifestSource(input, options);
  const stdin = options.readStdin;
  const loaded = "files" in source
    ? await loadManifestFiles(source.files, { ...ns, ...(stdin ? { stdin } : {}) })
    : await checkManifestSources(
      typeof source.manifests === "string"
        ? [{ name: "manifests", text: source.manifests }]
        : source.manifests.map((o, i) => ({ name: `manifests[${i}]`, text: JSON.stringify(o) })),
      ns,
    );
  return {
    objects: loaded.objects.map((o) => o.object),
    warnings: loaded.warnings.map((w) => w.message),
  };
}
