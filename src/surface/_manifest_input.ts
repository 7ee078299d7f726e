/** Manifests as callers pass them: YAML/JSON text, objects, or file paths. */
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { type KubeObject, loadManifestFiles, loadManifestSources } from "../manifests/mod.ts";
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

/** Turns the `manifests` input into validated objects; errors name the document and field. */
export async function loadManifestInput(
  input: z.infer<typeof manifestsInput>,
  options: { cwd: string; namespace?: string; readStdin?: () => Promise<string> },
): Promise<{ objects: KubeObject[]; warnings: string[] }> {
  const ns = options.namespace === undefined ? {} : { namespace: options.namespace };
  if (typeof input === "string") {
    const loaded = loadManifestSources([{ name: "manifests", text: input }], ns);
    return {
      objects: loaded.objects.map((o) => o.object),
      warnings: loaded.warnings.map((w) => w.message),
    };
  }
  const paths = input.filter((i): i is string => typeof i === "string");
  const objects = input.filter((i): i is Record<string, unknown> => typeof i !== "string");
  if (paths.length > 0 && objects.length > 0) {
    throw new NopeaError("SPEC_INVALID", "Cannot mix file paths and objects in manifests", {
      hint: "Pass either an array of objects or an array of paths",
    });
  }
  if (paths.length > 0) {
    const stdin = options.readStdin;
    const resolved = paths.map((p) =>
      (p === "-" && stdin) || isAbsolute(p) ? p : join(options.cwd, p)
    );
    const loaded = await loadManifestFiles(resolved, { ...ns, ...(stdin ? { stdin } : {}) });
    return {
      objects: loaded.objects.map((o) => o.object),
      warnings: loaded.warnings.map((w) => w.message),
    };
  }
  const text = objects.map((o) => JSON.stringify(o)).join("\n---\n");
  const loaded = loadManifestSources([{ name: "manifests", text }], ns);
  return {
    objects: loaded.objects.map((o) => o.object),
    warnings: loaded.warnings.map((w) => w.message),
  };
}
