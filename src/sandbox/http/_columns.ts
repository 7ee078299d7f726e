/** The columns kube-apiserver's printers produce for `kubectl get`, per kind. */
import type { JsonObject } from "../types.ts";
import { ageOf } from "./_age.ts";
import {
  AGE,
  at,
  col,
  type Column,
  count,
  int,
  list,
  NAME,
  num,
  selector,
  str,
  templateColumns,
  wide,
} from "./_cells.ts";
import { FULL_COLUMNS } from "./_columns_extra.ts";

export { type Column, NAME_COLUMN } from "./_cells.ts";

function podStatus(pod: JsonObject): string {
  let reason = str(pod, "status.reason", str(pod, "status.phase", "Unknown"));
  for (const s of list(pod, "status.containerStatuses").reverse()) {
    const waiting = str(s, "state.waiting.reason", "");
    const terminated = str(s, "state.terminated.reason", "");
    if (waiting !== "") reason = waiting;
    else if (terminated !== "") reason = terminated;
    else if (at(s, "state.terminated") !== undefined) {
      reason = `ExitCode:${num(s, "state.terminated.exitCode")}`;
    }
  }
  return at(pod, "metadata.deletionTimestamp") === undefined ? reason : "Terminating";
}

function podRestarts(pod: JsonObject, now: number): string {
  const statuses = list(pod, "status.containerStatuses");
  const restarts = statuses.reduce((n, s) => n + num(s, "restartCount"), 0);
  const last = statuses
    .map((s) => Date.parse(str(s, "lastState.terminated.finishedAt", "")))
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => b - a)[0];
  return restarts > 0 && last !== undefined
    ? `${restarts} (${ageOf(new Date(last).toISOString(), now)} ago)`
    : String(restarts);
}

function externalIp(svc: JsonObject): string {
  const type = str(svc, "spec.type", "ClusterIP");
  const external = (at(svc, "spec.externalIPs") as string[] | undefined) ?? [];
  if (type === "ExternalName") return str(svc, "spec.externalName");
  if (type === "LoadBalancer") {
    const ingress = list(svc, "status.loadBalancer.ingress").map((i) =>
      str(i, "ip", str(i, "hostname", ""))
    );
    const all = [...ingress, ...external].filter((x) => x !== "");
    return all.length > 0 ? all.join(",") : "<pending>";
  }
  return external.length > 0 ? external.join(",") : "<none>";
}

function ports(svc: JsonObject): string {
  const all = list(svc, "spec.ports").map((p) => {
    const node = num(p, "nodePort");
    return `${num(p, "port")}${node ? `:${node}` : ""}/${str(p, "protocol", "TCP")}`;
  });
  return all.length > 0 ? all.join(",") : "<none>";
}

const BY_KIND: Readonly<Record<string, Column[]>> = {
  "apps/Deployment": [
    col("Ready", (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas", 1)}`),
    col("Up-to-date", (o) => num(o, "status.updatedReplicas"), int),
    col("Available", (o) => num(o, "status.availableReplicas"), int),
    AGE,
    ...templateColumns(),
  ],
  "apps/ReplicaSet": [
    col("Desired", (o) => num(o, "spec.replicas", 1), int),
    col("Current", (o) => num(o, "status.replicas"), int),
    col("Ready", (o) => num(o, "status.readyReplicas"), int),
    AGE,
    ...templateColumns(),
  ],
  "apps/StatefulSet": [
    col("Ready", (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas", 1)}`),
    AGE,
    ...templateColumns().slice(0, 2),
  ],
  "/Pod": [
    col("Ready", (o) => {
      const ready = list(o, "status.containerStatuses").filter((s) => at(s, "ready") === true);
      return `${ready.length}/${list(o, "spec.containers").length}`;
    }),
    col("Status", podStatus),
    col("Restarts", podRestarts),
    AGE,
    col("IP", (o) => str(o, "status.podIP"), wide),
    col("Node", (o) => str(o, "spec.nodeName"), wide),
  ],
  "/Service": [
    col("Type", (o) => str(o, "spec.type", "ClusterIP")),
    col("Cluster-IP", (o) => str(o, "spec.clusterIP")),
    col("External-IP", externalIp),
    col("Port(s)", ports),
    AGE,
    col("Selector", (o) => selector(at(o, "spec.selector")), wide),
  ],
  "/Namespace": [col("Status", (o) => str(o, "status.phase", "Active")), AGE],
  "/ConfigMap": [col("Data", (o) => count(o, "data") + count(o, "binaryData"), int), AGE],
  "/Secret": [
    col("Type", (o) => str(o, "type", "Opaque")),
    col("Data", (o) => count(o, "data"), int),
    AGE,
  ],
};

/** The columns of a kind (group `""` for core); Name and Age for kinds without a printer. */
export function columnsFor(group: string, kind: string): Column[] {
  const key = `${group}/${kind}`;
  return FULL_COLUMNS[key] ?? [NAME, ...(BY_KIND[key] ?? [AGE])];
}
