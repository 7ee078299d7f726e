/** Maps a Kubernetes `Status` failure (HTTP code, reason, details) to a NopeaError. */
import { NopeaError } from "../shared/mod.ts";
import { formatKey, isPlainObject, type ResourceKey } from "../manifests/mod.ts";

/** The fields of a `kind: Status` body that classification reads. */
export interface KubeStatus {
  code: number;
  reason?: string;
  message?: string;
  details?: Record<string, unknown>;
}

/** One field owned by another manager, from a 409 `FieldManagerConflict` cause. */
export interface FieldConflict {
  field: string;
  /** The manager as the server describes it, e.g. `"kubectl" using apps/v1`. */
  manager: string;
}

/** What Nopea was doing when the server said no: the verb and the object. */
export interface StatusContext {
  verb: "get" | "list" | "apply" | "patch" | "delete" | "watch" | "discover";
  key?: ResourceKey;
}

/**
 * Reads the `FieldManagerConflict` causes of a 409 body.
 *
 * @example
 * ```ts
 * import { conflictsOf } from "./status_error.ts";
 * import { deepEqual } from "node:assert/strict";
 * const causes = [{ type: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" }];
 * deepEqual(conflictsOf({ code: 409, details: { causes } }), [{ field: ".spec.replicas", manager: '"kubectl"' }]);
 * ```
 */
export function conflictsOf(status: KubeStatus): FieldConflict[] {
  const causes = status.details?.["causes"];
  if (!Array.isArray(causes)) return [];
  return causes.filter((c) => isPlainObject(c) && c["type"] === "FieldManagerConflict").map((
    c,
  ) => ({
    field: String(c["field"] ?? ""),
    manager: String(c["message"] ?? "").replace(/^conflicts? with /, ""),
  }));
}

function what(ctx: StatusContext): string {
  if (!ctx.key) return `Cannot ${ctx.verb}`;
  const k = ctx.key;
  const where = k.namespace ? ` in namespace "${k.namespace}"` : "";
  return `Cannot ${ctx.verb} ${k.kind} "${k.name}"${where}`;
}

/**
 * Classifies a Status failure into a `KUBE_*` NopeaError whose message says what
 * Nopea was doing, what the server said, and whose hint says how to fix it.
 *
 * @example
 * ```ts
 * import { errorFromStatus } from "./status_error.ts";
 * import { equal } from "node:assert/strict";
 * const err = errorFromStatus({ code: 403, reason: "Forbidden", message: "no" }, { verb: "list" });
 * equal(err.code, "KUBE_FORBIDDEN");
 * ```
 */
export function errorFromStatus(status: KubeStatus, ctx: StatusContext): NopeaError {
  const head = what(ctx);
  const said = status.message ?? status.reason ?? `HTTP ${status.code}`;
  const details = {
    status: status.code,
    reason: status.reason,
    ...(ctx.key ? { resource: formatKey(ctx.key) } : {}),
  };
  if (status.code === 401) {
    return new NopeaError(
      "KUBE_UNAUTHORIZED",
      `${head}: the cluster rejected the credentials: ${said}`,
      {
        hint: "Check the user of the kubeconfig context (token, client certificate or exec plugin)",
        details,
      },
    );
  }
  if (status.code === 403) {
    return new NopeaError("KUBE_FORBIDDEN", `${head}: forbidden: ${said}`, {
      hint:
        "Grant the kubeconfig user the missing RBAC permission (see the message), or use another context",
      details,
    });
  }
  if (status.code === 409) {
    const conflicts = conflictsOf(status);
    if (conflicts.length > 0) {
      const list = conflicts.map((c) => `"${c.field}" (owned by ${c.manager})`).join(", ");
      return new NopeaError("KUBE_CONFLICT", `${head}: field manager conflict on ${list}`, {
        hint:
          "Remove those fields from the manifest, or re-run with --force-conflicts to take ownership",
        details: { ...details, conflicts },
      });
    }
    return new NopeaError("KUBE_CONFLICT", `${head}: ${said}`, {
      hint: "The object changed while Nopea was writing it; run the command again",
      details,
    });
  }
  if (status.code === 422 || status.code === 400) {
    return new NopeaError("KUBE_INVALID", `${head}: the cluster rejected it as invalid: ${said}`, {
      hint: "Fix the field named in the message and run again",
      details: { ...details, causes: status.details?.["causes"] },
    });
  }
  if (status.code === 404) {
    return new NopeaError("KUBE_NOT_FOUND", `${head}: not found: ${said}`, {
      hint: "Check that the namespace exists and the name is right",
      details,
    });
  }
  return new NopeaError("KUBE_SERVER_ERROR", `${head}: the API server failed: ${said}`, {
    hint: "The cluster is unhealthy or overloaded; Nopea retried already, so try again later",
    details,
  });
}
