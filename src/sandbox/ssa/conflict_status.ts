/** The 409 body of a failed apply, worded exactly as kube-apiserver words it. */
import { StatusError } from "../types.ts";

/** One field of an apply that another manager owns with a different value. */
export interface ApplyConflict {
  /** The owner's field manager name. */
  manager: string;
  /** The owner's operation. */
  operation: "Apply" | "Update";
  /** The apiVersion the owner wrote with. */
  apiVersion: string;
  /** When the owner last wrote; informational (kube-apiserver never prints it). */
  time?: string;
  /** The owner's subresource (`"status"`); absent for the main resource. */
  subresource?: string;
  /** Kube path: `.spec.replicas`, `.spec.template.spec.containers[name="app"].image`. */
  field: string;
}

/** The parts of a 409 apply-conflict `Status`: message and one cause per field. */
export interface ConflictStatus {
  /** The Status `message`. */
  message: string;
  /** The Status `details.causes`. */
  causes: { type: "FieldManagerConflict"; message: string; field: string }[];
}

/**
 * kube's manager identifier (the JSON of the entry without time and fields, and without the
 * apiVersion for appliers); conflicts are grouped and sorted by it.
 */
export function managerIdentifier(c: Omit<ApplyConflict, "field">): string {
  return JSON.stringify({
    manager: c.manager,
    operation: c.operation,
    ...(c.operation === "Update" ? { apiVersion: c.apiVersion } : {}),
    ...(c.subresource ? { subresource: c.subresource } : {}),
  });
}

function renderManager(c: ApplyConflict): string {
  let out = JSON.stringify(c.manager);
  if (c.subresource) out += ` with subresource ${JSON.stringify(c.subresource)}`;
  return c.operation === "Update" ? `${out} using ${c.apiVersion}` : out;
}

/**
 * Builds the message and causes of the 409 `Status` for apply conflicts, as kube-apiserver does:
 * `Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas`, or for
 * several, one `conflicts with <manager>:` block per manager (sorted) listing `- <field>` lines.
 *
 * @param conflicts The conflicts of a failed {@linkcode serverSideApply}.
 * @returns The `message` and the `details.causes` of the Status.
 *
 * @example One conflict with an Update manager
 * ```ts
 * import { conflictStatus } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const status = conflictStatus([
 *   { manager: "kubectl", operation: "Update", apiVersion: "apps/v1", field: ".spec.replicas" },
 * ]);
 * equal(status.message, 'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas');
 * equal(status.causes[0]?.message, 'conflict with "kubectl" using apps/v1');
 * ```
 */
export function conflictStatus(conflicts: readonly ApplyConflict[]): ConflictStatus {
  const causes = conflicts.map((c) => ({
    type: "FieldManagerConflict" as const,
    message: `conflict with ${renderManager(c)}`,
    field: c.field,
  }));
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    const message = `Apply failed with 1 conflict: conflict with ${
      renderManager(first)
    }: ${first.field}`;
    return { message, causes };
  }
  const groups = new Map<string, ApplyConflict[]>();
  for (const c of conflicts) {
    const id = managerIdentifier(c);
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  const lines: string[] = [];
  for (const id of [...groups.keys()].sort()) {
    const group = groups.get(id) ?? [];
    if (group[0]) lines.push(`conflicts with ${renderManager(group[0])}:`);
    for (const c of group) lines.push(`- ${c.field}`);
  }
  return {
    message: `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`,
    causes,
  };
}

/**
 * The complete 409 `Conflict` StatusError for apply conflicts (`details: {causes}`), ready for
 * the API layer to throw.
 *
 * @example
 * ```ts
 * import { conflictError } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const err = conflictError([
 *   { manager: "helm", operation: "Apply", apiVersion: "v1", field: ".data.a" },
 * ]);
 * equal(err.code, 409);
 * equal(err.toStatus()["reason"], "Conflict");
 * ```
 */
export function conflictError(conflicts: readonly ApplyConflict[]): StatusError {
  const { message, causes } = conflictStatus(conflicts);
  return new StatusError(409, "Conflict", message, { causes });
}
