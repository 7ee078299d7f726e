/** validateManifests: structure, names, labels, duplicates and namespace conflicts of parsed documents. */
import { checkObject } from "./_object_checks.ts";
import { describeProblem, type Problem } from "./_problem.ts";
import type { SchemaCheck } from "./_schema.ts";
import { type KubeObject, parseApiVersion } from "./kube_object.ts";
import {
  describeLocation,
  formatField,
  ManifestError,
  type ManifestLocation,
  throwManifestErrors,
} from "./manifest_error.ts";
import type { ManifestWarning, ParsedDocument } from "./parse.ts";

/** Options of {@linkcode validateManifests}. */
export interface ValidateOptions {
  /**
   * The namespace the user asked for explicitly (`--namespace`). Objects that name another
   * namespace are then errors. Leave it out when the namespace is only a default.
   */
  namespace?: string;
}

/** A valid object and where it came from. */
export interface LocatedObject {
  /** The object, as written in the manifest. */
  readonly object: KubeObject;
  /** Where it was written. */
  readonly location: ManifestLocation;
}

/** Valid objects in source order, plus warnings that do not stop a deploy. */
export interface LoadedManifests {
  /** Every object, in source order (Lists expanded in place). */
  readonly objects: readonly LocatedObject[];
  /** Things kubectl would only warn about. */
  readonly warnings: readonly ManifestWarning[];
}

/** What checking produced; errors are collected, not thrown. */
export interface CheckOutcome {
  readonly objects: LocatedObject[];
  readonly errors: ManifestError[];
  readonly warnings: ManifestWarning[];
}

/** Builtin cluster-scoped kinds (`group/Kind`): a namespace on them is ignored, never a conflict. */
const CLUSTER_SCOPED = new Set([
  "/Namespace",
  "/Node",
  "/PersistentVolume",
  "rbac.authorization.k8s.io/ClusterRole",
  "rbac.authorization.k8s.io/ClusterRoleBinding",
  "apiextensions.k8s.io/CustomResourceDefinition",
  "apiregistration.k8s.io/APIService",
  "storage.k8s.io/StorageClass",
  "storage.k8s.io/CSIDriver",
  "scheduling.k8s.io/PriorityClass",
  "networking.k8s.io/IngressClass",
  "node.k8s.io/RuntimeClass",
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
]);

function located(doc: ParsedDocument, problem: Problem): ManifestLocation {
  const line = doc.lineOf?.(problem.path) ?? doc.location.line;
  return line === undefined ? doc.location : { ...doc.location, line };
}

function toError(doc: ParsedDocument, problem: Problem): ManifestError {
  return new ManifestError("MANIFEST_INVALID", {
    location: located(doc, problem),
    problem: describeProblem(problem),
    hint: problem.hint,
    ...(problem.path.length === 0 ? {} : { field: formatField(problem.path) }),
  });
}

/** Conflicts with the explicit namespace and duplicates; both need to see every object. */
function crossChecks(
  obj: KubeObject,
  options: ValidateOptions,
  seen: Map<string, ManifestLocation>,
  location: ManifestLocation,
): Problem | undefined {
  const group = parseApiVersion(obj.apiVersion).group;
  const clusterScoped = CLUSTER_SCOPED.has(`${group}/${obj.kind}`);
  const ns = obj.metadata.namespace || undefined;
  if (!clusterScoped && ns !== undefined && options.namespace && ns !== options.namespace) {
    return {
      path: ["metadata", "namespace"],
      detail: `is "${ns}", which conflicts with --namespace "${options.namespace}"`,
      hint: `Remove metadata.namespace from the manifest, or deploy with --namespace "${ns}"`,
    };
  }
  const where = clusterScoped ? "" : ns ?? options.namespace ?? "";
  const key = `${group}/${obj.kind}/${where}/${obj.metadata.name}`;
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, location);
    return undefined;
  }
  return {
    path: ["metadata", "name"],
    detail: `duplicates ${obj.kind} "${obj.metadata.name}", already defined in ${
      describeLocation(first)
    }`,
    hint: "Remove one of the two definitions or give them different names",
  };
}

/**
 * Checks documents, collecting every error and warning instead of throwing; `schema` adds the
 * schema checks of built-in kinds to objects that pass the structural ones.
 */
export function checkDocuments(
  documents: readonly ParsedDocument[],
  options: ValidateOptions = {},
  schema?: SchemaCheck,
): CheckOutcome {
  const outcome: CheckOutcome = { objects: [], errors: [], warnings: [] };
  const seen = new Map<string, ManifestLocation>();
  for (const doc of documents) {
    const findings = checkObject(doc.value);
    if (findings.errors.length === 0 && schema !== undefined) {
      findings.errors.push(...schema(doc.value as Record<string, unknown>, doc.location));
    }
    for (const warning of findings.warnings) {
      const location = located(doc, warning);
      const message = `Manifest ${describeLocation(location)}: ${describeProblem(warning)}`;
      outcome.warnings.push({ message, location });
    }
    if (findings.errors.length === 0) {
      const obj = doc.value as KubeObject;
      const cross = crossChecks(obj, options, seen, doc.location);
      if (cross === undefined) outcome.objects.push({ object: obj, location: doc.location });
      else findings.errors.push(cross);
    }
    outcome.errors.push(...findings.errors.map((problem) => toError(doc, problem)));
  }
  return outcome;
}

/**
 * Validates parsed documents the way the API server would before anything is applied: apiVersion,
 * kind, metadata, names per kind, labels and annotations, Secret and ConfigMap data, container and
 * port names, duplicates, and conflicts with an explicit namespace. Every error of every document
 * is collected.
 *
 * @param documents From {@linkcode parseManifests} or {@linkcode documentsFromValues}.
 * @param options The explicit namespace, if any.
 * @returns The objects with their locations, and warnings.
 * @throws {ManifestError} `MANIFEST_INVALID` naming file, document, line and field; a
 * `ManifestErrors` aggregate (its `errors` list) when there are several.
 *
 * @example A missing name is reported with its location
 * ```ts
 * import { loadYamlReader, parseManifests, validateManifests } from "./mod.ts";
 * import { throws } from "node:assert/strict";
 * await loadYamlReader(); // a fault's line is found by the full YAML reader (the library entry loads it)
 * const docs = parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "cm.yaml");
 * throws(() => validateManifests(docs), /"cm.yaml" document 1 \(line 3\): field "metadata.name"/);
 * ```
 */
export function validateManifests(
  documents: readonly ParsedDocument[],
  options: ValidateOptions = {},
): LoadedManifests {
  const outcome = checkDocuments(documents, options);
  throwManifestErrors(outcome.errors);
  return { objects: outcome.objects, warnings: outcome.warnings };
}
