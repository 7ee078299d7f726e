/** A refused request on memory objects, said as the permission missing and the manifest granting it. */
import { isNopeaError, NopeaError } from "../shared/mod.ts";

/**
 * The manifest in the repository that grants what the cluster store needs.
 *
 * @example
 * ```ts
 * import { RBAC_MANIFEST } from "./_denied.ts";
 * import { ok } from "node:assert/strict";
 * ok(RBAC_MANIFEST.startsWith("deploy/rbac/"));
 * ```
 */
export const RBAC_MANIFEST = "deploy/rbac/nopea-deployer.yaml";

/**
 * Rethrows `error`; a `KUBE_FORBIDDEN` becomes one naming the verb on the memory objects
 * (ConfigMaps, the key's Secret, the Namespace) and {@linkcode RBAC_MANIFEST}.
 */
export function memoryFault(error: unknown, verb: string, namespace: string): never {
  if (!isNopeaError(error) || error.code !== "KUBE_FORBIDDEN") throw error;
  const kind = /\b(Namespace|Secret)\b/.exec(error.message)?.[1];
  const resource = kind ? `${kind.toLowerCase()}s` : "configmaps";
  const where = resource === "namespaces" ? "" : ` in namespace "${namespace}"`;
  throw new NopeaError(
    "KUBE_FORBIDDEN",
    `Cannot ${verb} ${resource}${where} for the cluster memory store: permission "${verb}" ` +
      `on "${resource}"${where} is missing (${error.message})`,
    {
      hint: `Apply ${RBAC_MANIFEST} (kubectl apply -f ${RBAC_MANIFEST}) and bind the role ` +
        "nopea-memory to your user or service account, or use --memory-store file",
      cause: error,
      details: { verb, resource, namespace, manifest: RBAC_MANIFEST },
    },
  );
}

/** Runs `fn`, turning a refused request into {@linkcode memoryFault}'s error. */
export async function onMemory<T>(
  verb: string,
  namespace: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return memoryFault(error, verb, namespace);
  }
}

/** The warning for a pull, push or compaction that failed (the caller goes on without it). */
export function warningText(what: string, namespace: string, error: unknown, after = ""): string {
  const said = isNopeaError(error)
    ? `${error.message}${error.hint ? `. ${error.hint}` : ""}`
    : String(error instanceof Error ? error.message : error);
  return `Could not ${what} the cluster memory store (namespace "${namespace}")${after}: ${said}`;
}
