/** What readiness reads of an apply's answer, so that the rest of the answer can be let go. */
import type { KubeObject } from "../manifests/mod.ts";

const KEPT_METADATA = ["name", "namespace", "uid", "resourceVersion", "generation"] as const;

/**
 * The parts of a server's answer that the readiness rules ({@linkcode readinessOf}) and the
 * deploy's later steps read: kind, name, uid, resourceVersion, generation, `spec` and `status`.
 * `managedFields`, labels, annotations and a ConfigMap's or Secret's data are left out: the answer
 * of a 1,000-object deploy is held from its apply until readiness, and those are most of it.
 *
 * @param answer The object as the server returned it.
 * @returns A new object with only those fields (the same readiness as `answer`).
 *
 * @example A ConfigMap's answer keeps its identity, not its data
 * ```ts
 * import { answerView } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const answer = {
 *   apiVersion: "v1", kind: "ConfigMap", data: { big: "x".repeat(100) },
 *   metadata: { name: "a", namespace: "prod", uid: "u1", resourceVersion: "7", managedFields: [] },
 * };
 * deepEqual(answerView(answer), {
 *   apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "prod", uid: "u1", resourceVersion: "7" },
 * });
 * ```
 */
export function answerView(answer: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = {};
  for (const field of KEPT_METADATA) {
    if (answer.metadata[field] !== undefined) metadata[field] = answer.metadata[field];
  }
  const view: Record<string, unknown> = {
    apiVersion: answer.apiVersion,
    kind: answer.kind,
    metadata,
  };
  if (answer["spec"] !== undefined) view["spec"] = answer["spec"];
  if (answer["status"] !== undefined) view["status"] = answer["status"];
  return view as KubeObject;
}
