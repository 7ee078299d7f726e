/** Workload checks: selector vs template labels, and the containers of a pod spec. */
import type { JsonObject } from "../types.ts";
import { getPath, isObject } from "./_json.ts";
import { dnsLabel } from "./_names.ts";
import { type FieldCause, goValue, invalidValue, required } from "./_status.ts";
import { type LabelRequirement, matchesLabels } from "./selectors.ts";

function requirements(selector: JsonObject): LabelRequirement[] | undefined {
  const out: LabelRequirement[] = [];
  const labels = selector["matchLabels"];
  if (isObject(labels)) {
    for (const [key, v] of Object.entries(labels)) out.push({ key, op: "=", values: [String(v)] });
  }
  const exprs = selector["matchExpressions"];
  for (const e of Array.isArray(exprs) ? exprs.filter(isObject) : []) {
    const values = Array.isArray(e["values"]) ? e["values"].map(String) : [];
    const op = e["operator"] === "In"
      ? "in"
      : e["operator"] === "NotIn"
      ? "notin"
      : e["operator"] === "Exists"
      ? "exists"
      : e["operator"] === "DoesNotExist"
      ? "!"
      : undefined;
    if (op === undefined) return undefined;
    out.push({ key: String(e["key"] ?? ""), op, values });
  }
  return out;
}

/** `spec.selector` is required and must select the pod template's labels. */
export function validateSelector(obj: JsonObject, causes: FieldCause[]): void {
  const selector = getPath(obj, ["spec", "selector"]);
  if (!isObject(selector)) {
    causes.push(required("spec.selector"));
    return;
  }
  const labels = getPath(obj, ["spec", "template", "metadata", "labels"]);
  const map = isObject(labels) ? labels as Record<string, string> : {};
  const reqs = requirements(selector);
  if (reqs !== undefined && reqs.length > 0 && !matchesLabels(reqs, map)) {
    causes.push({
      reason: "FieldValueInvalid",
      field: "spec.template.metadata.labels",
      message: `Invalid value: ${goValue(map)}: \`selector\` does not match template \`labels\``,
    });
  }
}

function validateContainers(list: unknown, at: string, causes: FieldCause[]): Set<string> {
  const seen = new Set<string>();
  if (!Array.isArray(list)) return seen;
  list.forEach((c, i) => {
    if (!isObject(c)) return;
    const path = `${at}[${i}]`;
    const name = c["name"];
    if (typeof name !== "string" || name === "") causes.push(required(`${path}.name`));
    else {
      for (const msg of dnsLabel(name)) causes.push(invalidValue(`${path}.name`, name, msg));
      if (seen.has(name)) {
        causes.push({
          reason: "FieldValueDuplicate",
          field: `${path}.name`,
          message: `Duplicate value: ${goValue(name)}`,
        });
      }
      seen.add(name);
    }
    if (typeof c["image"] !== "string" || c["image"] === "") {
      causes.push(required(`${path}.image`));
    }
  });
  return seen;
}

/** The pod spec at `at` (dotted) has containers, each with a valid unique name and an image. */
export function validatePodSpec(obj: JsonObject, at: string, causes: FieldCause[]): void {
  const spec = getPath(obj, at.split("."));
  const containers = isObject(spec) ? spec["containers"] : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(`${at}.containers`));
    return;
  }
  validateContainers(containers, `${at}.containers`, causes);
  if (isObject(spec)) validateContainers(spec["initContainers"], `${at}.initContainers`, causes);
}
