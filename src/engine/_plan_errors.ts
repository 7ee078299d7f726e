/** Plan-time errors that name where the objects concerned were written. */
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";

/**
 * `KUBE_NOT_FOUND_KIND` with the file and document of the first object of each kind the
 * cluster does not serve (when the manifests came from text or files); other errors as they are.
 */
export function locatePlanError(
  error: unknown,
  manifests: readonly KubeObject[],
  locate: ((object: KubeObject) => string | undefined) | undefined,
): unknown {
  if (!isNopeaError(error) || error.code !== "KUBE_NOT_FOUND_KIND" || !locate) return error;
  const kinds = error.details?.["kinds"];
  if (!Array.isArray(kinds)) return error;
  const lines = kinds.map((k: { apiVersion?: string; kind?: string }) => {
    const first = manifests.find((o) => o.apiVersion === k.apiVersion && o.kind === k.kind);
    const where = first ? locate(first) : undefined;
    return `${where ? `${where}: ` : ""}kind "${k.kind}" in apiVersion "${k.apiVersion}"`;
  });
  return new NopeaError(
    "KUBE_NOT_FOUND_KIND",
    `The cluster does not serve ${
      lines.length === 1 ? lines[0] : `these kinds:\n  ${lines.join("\n  ")}`
    }`,
    { ...(error.hint ? { hint: error.hint } : {}), details: error.details ?? {}, cause: error },
  );
}
