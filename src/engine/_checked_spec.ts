/** A deploy spec once checked: manifests as objects, namespace and timeout filled in. */
import type { KubeObject } from "../manifests/mod.ts";
import { isDns1123Label } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { defaultNamespaceOf, type EngineContext } from "./_engine_context.ts";
import { specManifests } from "./_spec_manifests.ts";
import type { DeploySpec } from "./types.ts";

/** What the deploy steps work from. */
export type CheckedSpec = Omit<DeploySpec, "manifests" | "files"> & {
  manifests: readonly KubeObject[];
  namespace: string;
  timeoutMs: number;
  /** Warnings the manifest loader gave (text or files). */
  loadWarnings?: readonly string[];
  /** Where an object was written, when it was given as text or files. */
  locate?: (object: KubeObject) => string | undefined;
};

/**
 * Checks a spec before anything is read from the cluster: the service name, the manifests
 * (parsed and validated when given as text or files), the timeout; fills in the namespace.
 */
export async function checkSpec(spec: DeploySpec, ctx: EngineContext): Promise<CheckedSpec> {
  if (!isDns1123Label(spec.service ?? "")) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid service name "${spec.service ?? ""}": it must be a DNS-1123 label`,
      {
        hint:
          "Use lowercase letters, digits and '-', starting and ending with a letter or digit (at most 63)",
      },
    );
  }
  const timeoutMs = spec.timeoutMs ?? ctx.options.timeoutMs;
  if (!(timeoutMs > 0)) {
    throw new NopeaError("SPEC_INVALID", `Invalid timeout ${timeoutMs}ms: it must be positive`, {
      hint: "Pass a duration such as --timeout 5m",
    });
  }
  const namespace = spec.namespace ?? defaultNamespaceOf(ctx);
  const { files: _files, ...rest } = spec;
  const loaded = await specManifests(ctx, spec);
  return {
    ...rest,
    manifests: loaded.objects,
    loadWarnings: loaded.warnings,
    ...(loaded.locate ? { locate: loaded.locate } : {}),
    namespace,
    timeoutMs,
  };
}
