// Checks of values the schemas type but do not bound: object and data sizes, replica counts,
// port ranges and CronJob schedules, as the API server's validation would refuse them.
import { cronProblem } from "./_cron.ts";
import { POD_SPEC_PATHS } from "./_kind_checks.ts";
import type { Problem } from "./_problem.ts";
import type { FieldPath } from "./_yaml.ts";
import { isPlainObject } from "./kube_object.ts";
import { formatBytes, MANIFEST_LIMITS, overLimit } from "./limits.ts";
import { portNameProblem } from "./names.ts";

const SCALED = new Set([
  "apps/Deployment",
  "apps/StatefulSet",
  "apps/ReplicaSet",
  "/ReplicationController",
]);
const COUNTS = [
  "replicas",
  "minReadySeconds",
  "revisionHistoryLimit",
  "parallelism",
  "completions",
  "backoffLimit",
];
const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** The value at `path`, through objects and lists. */
function at(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isPlainObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** Problems with an integer at `path` outside `[min, max]`; other types are the schema's. */
function range(obj: unknown, path: FieldPath, min: number, max: number, out: Problem[]): void {
  const value = at(obj, path);
  if (typeof value !== "number" || !Number.isInteger(value) || (value >= min && value <= max)) {
    return;
  }
  const detail = max === Infinity
    ? `has invalid value ${value}: must be ${min} or more`
    : `has invalid value ${value}: must be between ${min} and ${max}`;
  out.push({ path, detail, hint: `Set ${path[path.length - 1]} to a value in range` });
}

function checkObjectSize(obj: Record<string, unknown>, out: Problem[]): void {
  const json = JSON.stringify(obj);
  const limit = MANIFEST_LIMITS.objectBytes;
  const bytes = json.length * 3 > limit ? utf8(json) : json.length;
  if (bytes <= limit) return;
  out.push({
    path: [],
    detail: `as JSON, the object is ${overLimit(bytes, limit)}`,
    hint: `etcd stores no object over ${formatBytes(limit)} (its default request limit): split ` +
      "the object, or keep large data outside the cluster",
  });
}

/** ConfigMap: keys and values of data and binaryData; Secret: the decoded values. */
function checkDataSize(obj: Record<string, unknown>, kind: string, out: Problem[]): void {
  let total = 0;
  for (const field of ["data", "binaryData", "stringData"]) {
    const data = obj[field];
    if (!isPlainObject(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== "string") continue;
      const decoded = field === "binaryData" || (kind === "Secret" && field === "data");
      total += (kind === "ConfigMap" ? key.length : 0) +
        (decoded ? Math.floor(value.replace(/\s|=/g, "").length * 3 / 4) : utf8(value));
    }
  }
  const limit = MANIFEST_LIMITS.dataBytes;
  if (total <= limit) return;
  out.push({
    path: ["data"],
    detail: `is too large: ${overLimit(total, limit)} for the data of one ${kind}`,
    hint: `The API server refuses a ${kind} with more than ${limit} bytes (1 MiB) of data: split ` +
      "it over several objects, or mount large files from a volume",
  });
}

function checkPorts(obj: unknown, group: string, kind: string, out: Problem[]): void {
  const podSpec = POD_SPEC_PATHS[`${group}/${kind}`];
  for (const list of podSpec === undefined ? [] : ["initContainers", "containers"]) {
    const containers = at(obj, [...podSpec!, list]);
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, i) => {
      const ports = at(container, ["ports"]);
      if (!Array.isArray(ports)) return;
      ports.forEach((_, p) => {
        const base = [...podSpec!, list, i, "ports", p];
        range(obj, [...base, "containerPort"], 1, 65535, out);
        range(obj, [...base, "hostPort"], 0, 65535, out);
      });
    });
  }
  const ports = group === "" && kind === "Service" ? at(obj, ["spec", "ports"]) : undefined;
  if (!Array.isArray(ports)) return;
  ports.forEach((port, i) => {
    range(obj, ["spec", "ports", i, "port"], 1, 65535, out);
    range(obj, ["spec", "ports", i, "targetPort"], 1, 65535, out);
    range(obj, ["spec", "ports", i, "nodePort"], 0, 65535, out);
    const target = at(port, ["targetPort"]);
    const problem = typeof target === "string" ? portNameProblem(target) : undefined;
    if (problem === undefined) return;
    const path = ["spec", "ports", i, "targetPort"];
    out.push({
      path,
      detail: `has invalid value "${target}": ${problem}`,
      hint: "Use a port number or the name of a container port",
    });
  });
}

/** Sizes, counts, ports and schedules of one object; `group` is `""` for core. */
export function checkValues(
  obj: Record<string, unknown>,
  group: string,
  kind: string,
  out: Problem[],
): void {
  checkObjectSize(obj, out);
  if (group === "" && (kind === "ConfigMap" || kind === "Secret")) checkDataSize(obj, kind, out);
  checkPorts(obj, group, kind, out);
  const workload = SCALED.has(`${group}/${kind}`) || (group === "batch" && kind === "Job");
  for (const field of workload ? COUNTS : []) range(obj, ["spec", field], 0, Infinity, out);
  const schedule = group === "batch" && kind === "CronJob"
    ? at(obj, ["spec", "schedule"])
    : undefined;
  const problem = typeof schedule === "string" ? cronProblem(schedule) : undefined;
  if (problem !== undefined) {
    out.push({
      path: ["spec", "schedule"],
      detail: `has invalid value "${schedule}": ${problem}`,
      hint: 'Use five cron fields, e.g. "*/5 * * * *", or a descriptor such as "@hourly"',
    });
  }
}
