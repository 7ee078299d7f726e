// Per-kind checks the API server would also make: Secret/ConfigMap data, container and port names, CRD names.
import type { FieldPath } from "./_yaml.ts";
import { type Problem, shown, typeName } from "./_problem.ts";
import { isPlainObject } from "./kube_object.ts";
import { dataKeyProblem, isDns1123Label, portNameProblem } from "./names.ts";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LABEL_RULE = "must be a DNS-1123 label (lowercase letters, digits and '-')";

/** Where builtin workload kinds keep their pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, FieldPath>> = {
  "/Pod": ["spec"],
  "/ReplicationController": ["spec", "template", "spec"],
  "apps/Deployment": ["spec", "template", "spec"],
  "apps/StatefulSet": ["spec", "template", "spec"],
  "apps/DaemonSet": ["spec", "template", "spec"],
  "apps/ReplicaSet": ["spec", "template", "spec"],
  "batch/Job": ["spec", "template", "spec"],
  "batch/CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** The value at `path`, or `undefined` where a step is missing or not an object. */
export function at(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const segment of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[String(segment)];
  }
  return node;
}

function checkData(
  obj: Record<string, unknown>,
  field: string,
  base64: boolean,
  errors: Problem[],
): void {
  const data = obj[field];
  if (data === undefined || data === null) return;
  const hint = base64
    ? `Base64-encode the values of ${field}${field === "data" ? " (or use stringData)" : ""}`
    : `Quote the values of ${field}: they must all be strings`;
  if (!isPlainObject(data)) {
    errors.push({ path: [field], detail: `must be an object, not ${typeName(data)}`, hint });
    return;
  }
  for (const [key, value] of Object.entries(data)) {
    const keyProblem = dataKeyProblem(key);
    if (keyProblem !== undefined) {
      errors.push({ path: [field, key], detail: `has an invalid key: ${keyProblem}`, hint });
    }
    if (typeof value !== "string") {
      errors.push({ path: [field, key], detail: `must be a string, not ${shown(value)}`, hint });
    } else if (base64 && !BASE64.test(value.replace(/\s/g, ""))) {
      errors.push({ path: [field, key], detail: "must be base64-encoded", hint });
    }
  }
}

function checkContainers(spec: unknown, base: FieldPath, errors: Problem[]): void {
  const seen = new Set<string>();
  for (const list of ["initContainers", "containers"]) {
    const containers = at(spec, [list]);
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, i) => {
      const path = [...base, list, i, "name"];
      const name = at(container, ["name"]);
      const hint = "Give every container a unique DNS-1123 label name";
      if (typeof name !== "string" || !isDns1123Label(name)) {
        errors.push({ path, detail: `has invalid value ${shown(name)}: ${LABEL_RULE}`, hint });
      } else if (seen.has(name)) {
        errors.push({ path, detail: `has duplicate value "${name}"`, hint });
      }
      if (typeof name === "string") seen.add(name);
      const ports = at(container, ["ports"]);
      if (!Array.isArray(ports)) return;
      ports.forEach((port, p) => {
        const portName = at(port, ["name"]);
        const problem = typeof portName === "string" ? portNameProblem(portName) : undefined;
        if (problem === undefined) return;
        const detail = `has invalid value "${String(portName)}": ${problem}`;
        errors.push({
          path: [...base, list, i, "ports", p, "name"],
          detail,
          hint: "Shorten or fix the port name",
        });
      });
    });
  }
}

function checkServicePorts(obj: Record<string, unknown>, errors: Problem[]): void {
  const ports = at(obj, ["spec", "ports"]);
  if (!Array.isArray(ports)) return;
  ports.forEach((port, i) => {
    const name = at(port, ["name"]);
    const path = ["spec", "ports", i, "name"];
    const hint = "Name every port of a Service that has more than one";
    if (name === undefined && ports.length > 1) {
      errors.push({ path, detail: "is required when a Service has several ports", hint });
    } else if (name !== undefined && (typeof name !== "string" || !isDns1123Label(name))) {
      errors.push({ path, detail: `has invalid value ${shown(name)}: ${LABEL_RULE}`, hint });
    }
  });
}

function checkCrdName(obj: Record<string, unknown>, errors: Problem[]): void {
  const plural = at(obj, ["spec", "names", "plural"]);
  const group = at(obj, ["spec", "group"]);
  const name = at(obj, ["metadata", "name"]);
  if (typeof plural !== "string" || typeof group !== "string" || typeof name !== "string") return;
  if (name === `${plural}.${group}`) return;
  errors.push({
    path: ["metadata", "name"],
    detail:
      `has invalid value "${name}": a CustomResourceDefinition must be named "${plural}.${group}"`,
    hint: 'Name the CRD "<spec.names.plural>.<spec.group>"',
  });
}

/** Checks what depends on the kind; `group` is `""` for core. */
export function checkKindRules(
  obj: Record<string, unknown>,
  group: string,
  kind: string,
  errors: Problem[],
): void {
  if (kind.endsWith("List") && obj["items"] !== undefined && !Array.isArray(obj["items"])) {
    errors.push({
      path: ["items"],
      detail: `must be a list of objects, not ${typeName(obj["items"])}`,
      hint: "Make items a YAML list",
    });
  }
  if (group === "" && kind === "Secret") {
    checkData(obj, "data", true, errors);
    checkData(obj, "stringData", false, errors);
  } else if (group === "" && kind === "ConfigMap") {
    checkData(obj, "data", false, errors);
    checkData(obj, "binaryData", true, errors);
  } else if (group === "" && kind === "Service") checkServicePorts(obj, errors);
  else if (group === "apiextensions.k8s.io" && kind === "CustomResourceDefinition") {
    checkCrdName(obj, errors);
  }
  const podSpecPath = POD_SPEC_PATHS[`${group}/${kind}`];
  if (podSpecPath !== undefined) checkContainers(at(obj, podSpecPath), podSpecPath, errors);
}
