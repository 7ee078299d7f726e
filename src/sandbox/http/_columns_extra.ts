/**
 * More of kube-apiserver's printers: Events (no Name column first, as kube prints them), Nodes,
 * DaemonSets, Jobs and CronJobs — so `kubectl get events`, `get nodes -o wide` and `get all`
 * print kubectl's columns.
 */
import type { JsonObject } from "../types.ts";
import { ageOf } from "./_age.ts";
import {
  AGE,
  at,
  col,
  type Column,
  int,
  list,
  NAME,
  num,
  str,
  templateColumns,
  wide,
} from "./_cells.ts";
import { SCALING_COLUMNS } from "./_columns_scaling.ts";

function lastSeen(e: JsonObject, now: number): string {
  const last = at(e, "lastTimestamp") ?? at(e, "eventTime");
  const first = at(e, "firstTimestamp") ?? last;
  const count = num(e, "count", 1);
  const seen = ageOf(last, now);
  return count > 1 ? `${seen} (x${count} over ${ageOf(first, now)})` : seen;
}

const EVENT: Column[] = [
  col("Last Seen", lastSeen),
  col("Type", (e) => str(e, "type", "")),
  col("Reason", (e) => str(e, "reason", "")),
  col(
    "Object",
    (e) =>
      `${str(e, "involvedObject.kind", "").toLowerCase()}/${str(e, "involvedObject.name", "")}`,
  ),
  col("Subobject", (e) => str(e, "involvedObject.fieldPath", ""), wide),
  col("Source", (e) => {
    const host = str(e, "source.host", "");
    return `${str(e, "source.component", "")}${host === "" ? "" : `, ${host}`}`;
  }, wide),
  col("Message", (e) => str(e, "message", "")),
  col("First Seen", (e, now) => ageOf(at(e, "firstTimestamp") ?? at(e, "eventTime"), now), wide),
  col("Count", (e) => String(num(e, "count", 1)), wide),
  col("Name", (e) => str(e, "metadata.name", ""), wide),
];

function nodeStatus(node: JsonObject): string {
  const ready = list(node, "status.conditions").find((c) => c["type"] === "Ready");
  const status = ready === undefined
    ? "Unknown"
    : ready["status"] === "True"
    ? "Ready"
    : "NotReady";
  return at(node, "spec.unschedulable") === true ? `${status},SchedulingDisabled` : status;
}

function nodeRoles(node: JsonObject): string {
  const labels = (at(node, "metadata.labels") ?? {}) as Record<string, string>;
  const roles = Object.keys(labels).filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length)).sort();
  return roles.length > 0 ? roles.join(",") : "<none>";
}

function address(type: string): (node: JsonObject) => string {
  return (node) => str(list(node, "status.addresses").find((a) => a["type"] === type), "address");
}

const NODE: Column[] = [
  NAME,
  col("Status", nodeStatus),
  col("Roles", nodeRoles),
  AGE,
  col("Version", (n) => str(n, "status.nodeInfo.kubeletVersion", "")),
  col("Internal-IP", address("InternalIP"), wide),
  col("External-IP", address("ExternalIP"), wide),
  col("OS-Image", (n) => str(n, "status.nodeInfo.osImage", "<unknown>"), wide),
  col("Kernel-Version", (n) => str(n, "status.nodeInfo.kernelVersion", "<unknown>"), wide),
  col("Container-Runtime", (n) => str(n, "status.nodeInfo.containerRuntimeVersion", ""), wide),
];

const DAEMONSET: Column[] = [
  NAME,
  col("Desired", (o) => num(o, "status.desiredNumberScheduled"), int),
  col("Current", (o) => num(o, "status.currentNumberScheduled"), int),
  col("Ready", (o) => num(o, "status.numberReady"), int),
  col("Up-to-date", (o) => num(o, "status.updatedNumberScheduled"), int),
  col("Available", (o) => num(o, "status.numberAvailable"), int),
  col("Node Selector", (o) => {
    const labels = Object.entries(at(o, "spec.template.spec.nodeSelector") ?? {});
    return labels.length > 0 ? labels.map(([k, v]) => `${k}=${v}`).join(",") : "<none>";
  }),
  AGE,
  ...templateColumns(),
];

function jobStatus(job: JsonObject): string {
  const hasTrue = (type: string) =>
    list(job, "status.conditions").some((c) => c["type"] === type && c["status"] === "True");
  if (hasTrue("Complete")) return "Complete";
  if (hasTrue("Failed")) return "Failed";
  if (at(job, "metadata.deletionTimestamp") !== undefined) return "Terminating";
  return hasTrue("Suspended") ? "Suspended" : "Running";
}

function duration(job: JsonObject, now: number): string {
  const start = at(job, "status.startTime");
  if (start === undefined) return "";
  const end = at(job, "status.completionTime");
  return ageOf(start, end === undefined ? now : Date.parse(String(end)));
}

const JOB: Column[] = [
  NAME,
  col("Status", jobStatus),
  col("Completions", (o) => `${num(o, "status.succeeded")}/${num(o, "spec.completions", 1)}`),
  col("Duration", duration),
  AGE,
  ...templateColumns(),
];

const CRONJOB: Column[] = [
  NAME,
  col("Schedule", (o) => str(o, "spec.schedule", "")),
  col("Timezone", (o) => str(o, "spec.timeZone")),
  col("Suspend", (o) => at(o, "spec.suspend") === true ? "True" : "False"),
  col("Active", (o) => list(o, "status.active").length, int),
  col("Last Schedule", (o, now) => {
    const last = at(o, "status.lastScheduleTime");
    return last === undefined ? "<none>" : ageOf(last, now);
  }),
  AGE,
  ...templateColumns("spec.jobTemplate.spec.template", "spec.jobTemplate.spec.selector"),
];

/** Complete column lists (Name included where kube prints it), by `group/Kind`. */
export const FULL_COLUMNS: Readonly<Record<string, Column[]>> = {
  "/Event": EVENT,
  "/Node": NODE,
  "apps/DaemonSet": DAEMONSET,
  "batch/Job": JOB,
  "batch/CronJob": CRONJOB,
  ...SCALING_COLUMNS,
};
