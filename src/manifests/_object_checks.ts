// Structural checks every object gets: apiVersion, kind and metadata (name, namespace, labels, annotations).
import { checkKindRules } from "./_kind_checks.ts";
import { checkValues } from "./_value_checks.ts";
import { type Findings, type Problem, shown, typeName } from "./_problem.ts";
import { isPlainObject, parseApiVersion } from "./kube_object.ts";
import {
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  nameProblem,
  nameRuleFor,
  qualifiedNameProblem,
} from "./names.ts";

const VERSION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
const SERVER_FIELDS = ["uid", "resourceVersion", "managedFields"];

function checkApiVersion(value: Record<string, unknown>, errors: Problem[]): void {
  const apiVersion = value["apiVersion"];
  const hint = 'Set apiVersion to "<group>/<version>" (e.g. "apps/v1") or "v1" for core kinds';
  if (apiVersion === undefined) {
    errors.push({ path: ["apiVersion"], detail: "is required", hint });
  } else if (typeof apiVersion !== "string") {
    errors.push({
      path: ["apiVersion"],
      detail: `must be a string, not ${shown(apiVersion)}`,
      hint,
    });
  } else {
    const { group, version } = parseApiVersion(apiVersion);
    const groupOk = apiVersion.includes("/") ? isDns1123Subdomain(group) : true;
    if (!groupOk || !VERSION.test(version)) {
      const detail = `has invalid value "${apiVersion}": expected "group/version" or "version"`;
      errors.push({ path: ["apiVersion"], detail, hint });
    }
  }
}

function checkKind(value: Record<string, unknown>, errors: Problem[]): void {
  const kind = value["kind"];
  const hint = 'Set kind to the PascalCase type name, e.g. "Deployment"';
  if (kind === undefined) errors.push({ path: ["kind"], detail: "is required", hint });
  else if (typeof kind !== "string") {
    errors.push({ path: ["kind"], detail: `must be a string, not ${shown(kind)}`, hint });
  } else if (!KIND.test(kind)) {
    errors.push({
      path: ["kind"],
      detail: `has invalid value "${kind}": must be PascalCase`,
      hint,
    });
  }
}

function checkName(meta: Record<string, unknown>, group: string, kind: string, f: Findings): void {
  const name = meta["name"];
  const hint = "Give the object a fixed metadata.name";
  if (name === undefined && meta["generateName"] !== undefined) {
    const detail = "is not supported: server-side apply needs a fixed name";
    f.errors.push({
      path: ["metadata", "generateName"],
      detail,
      hint: 'Replace "generateName" with "name", so that every deploy updates the same object',
    });
  } else if (name === undefined || name === "") {
    f.errors.push({ path: ["metadata", "name"], detail: "is required", hint });
  } else if (typeof name !== "string") {
    f.errors.push({
      path: ["metadata", "name"],
      detail: `must be a string, not ${shown(name)}`,
      hint,
    });
  } else {
    const problem = nameProblem(name, nameRuleFor(group, kind));
    if (problem !== undefined) {
      f.errors.push({
        path: ["metadata", "name"],
        detail: `has invalid value "${name}": ${problem}`,
        hint: `Rename the ${kind || "object"}`,
      });
    }
  }
}

function checkNamespace(meta: Record<string, unknown>, errors: Problem[]): void {
  const ns = meta["namespace"];
  if (ns === undefined || ns === "") return;
  if (typeof ns !== "string" || !isDns1123Label(ns)) {
    const detail = `has invalid value ${shown(ns)}: must be a DNS-1123 label (lowercase ` +
      "letters, digits and '-', at most 63 characters)";
    errors.push({
      path: ["metadata", "namespace"],
      detail,
      hint: "Fix or remove metadata.namespace",
    });
  }
}

function checkStringMap(
  meta: Record<string, unknown>,
  field: "labels" | "annotations",
  errors: Problem[],
): void {
  const map = meta[field];
  if (map === undefined || map === null) return;
  const hint = `Quote values and use valid keys in metadata.${field}`;
  if (!isPlainObject(map)) {
    errors.push({
      path: ["metadata", field],
      detail: `must be an object, not ${typeName(map)}`,
      hint,
    });
    return;
  }
  let bytes = 0;
  for (const [key, value] of Object.entries(map)) {
    const path = ["metadata", field, key];
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem !== undefined) {
      errors.push({ path, detail: `has an invalid key: ${keyProblem}`, hint });
    }
    if (typeof value !== "string") {
      errors.push({ path, detail: `must be a string, not ${shown(value)}`, hint });
    } else if (field === "labels" && !isLabelValue(value)) {
      const detail = `has invalid value "${value}": a label value has at most 63 alphanumerics, ` +
        "'-', '_' or '.', starting and ending with an alphanumeric";
      errors.push({ path, detail, hint });
    } else bytes += key.length + new TextEncoder().encode(value).length;
  }
  if (field === "annotations" && bytes > ANNOTATIONS_MAX_BYTES) {
    const detail = `is too large: ${bytes} bytes, the limit is ${ANNOTATIONS_MAX_BYTES} (256 KiB)`;
    errors.push({ path: ["metadata", field], detail, hint: "Move large data into a ConfigMap" });
  }
}

function checkMetadata(value: Record<string, unknown>, f: Findings): void {
  const meta = value["metadata"];
  if (!isPlainObject(meta)) {
    const detail = meta === undefined ? "is required" : `must be an object, not ${typeName(meta)}`;
    f.errors.push({ path: ["metadata"], detail, hint: "Add metadata with at least a name" });
    return;
  }
  const apiVersion = typeof value["apiVersion"] === "string" ? value["apiVersion"] : "";
  const kind = typeof value["kind"] === "string" ? value["kind"] : "";
  checkName(meta, parseApiVersion(apiVersion).group, kind, f);
  checkNamespace(meta, f.errors);
  checkStringMap(meta, "labels", f.errors);
  checkStringMap(meta, "annotations", f.errors);
  for (const field of SERVER_FIELDS) {
    if (meta[field] === undefined || meta[field] === null) continue;
    const detail = "is set by the API server and should not be in a manifest";
    f.warnings.push({ path: ["metadata", field], detail, hint: `Remove metadata.${field}` });
  }
}

/** Checks one document's value; errors make it unusable, warnings do not. */
export function checkObject(value: unknown): Findings {
  const f: Findings = { errors: [], warnings: [] };
  if (!isPlainObject(value)) {
    const detail = `document must be an object with apiVersion, kind and metadata, not ${
      typeName(value)
    }`;
    f.errors.push({ path: [], detail, hint: "Each YAML document must be one Kubernetes object" });
    return f;
  }
  checkApiVersion(value, f.errors);
  checkKind(value, f.errors);
  checkMetadata(value, f);
  if (typeof value["apiVersion"] === "string" && typeof value["kind"] === "string") {
    const group = parseApiVersion(value["apiVersion"]).group;
    checkKindRules(value, group, value["kind"], f.errors);
    checkValues(value, group, value["kind"], f.errors);
  }
  return f;
}
