/** The columns kube-apiserver's printers produce for `kubectl get`, per kind. */
import type { JsonObject } from "../types.ts";
import { ageOf } from "./_age.ts";

/** One Table column: its definition plus how to compute the cell. */
export interface Column {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
  cell(obj: JsonObject, now: number): string | number;
}

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function num(obj: unknown, path: string, fallback = 0): number {
  const v = at(obj, path);
  return typeof v === "number" ? v : fallback;
}

function str(obj: unknown, path: string, fallback = "<none>"): string {
  const v = at(obj, path);
  return typeof v === "string" && v !== "" ? v : fallback;
}

function list(obj: unknown, path: string): JsonObject[] {
  const v = at(obj, path);
  return Array.isArray(v)
    ? v.filter((x): x is JsonObject => typeof x === "object" && x !== null)
    : [];
}

function count(obj: unknown, path: string): number {
  const v = at(obj, path);
  return typeof v === "object" && v !== null ? Object.keys(v).length : 0;
}

function selector(labels: unknown): string {
  if (typeof labels !== "object" || labels === null) return "<none>";
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? "<none>" : pairs.map(([k, v]) => `${k}=${v}`).join(",");
}

function col(
  name: string,
  cell: Column["cell"],
  options: Partial<Omit<Column, "name" | "cell">> = {},
): Column {
  return {
    name,
    type: options.type ?? "string",
    format: options.format ?? "",
    description: options.description ?? `${name} of the object`,
    priority: options.priority ?? 0,
    cell,
  };
}

const NAME = col("Name", (o) => str(o, "metadata.name", ""), {
  format: "name",
  description:
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
});
/** The Name column every table starts with. */
export const NAME_COLUMN: Column = NAME;
const AGE = col("Age", (o, now) => ageOf(at(o, "metadata.creationTimestamp"), now), {
  description:
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.",
});
const int = { type: "integer" } as const;
const wide = { priority: 1 } as const;

function templateColumns(): Column[] {
  const containers = (o: JsonObject) => list(o, "spec.template.spec.containers");
  return [
    col("Containers", (o) => containers(o).map((c) => str(c, "name", "")).join(","), wide),
    col("Images", (o) => containers(o).map((c) => str(c, "image", "")).join(","), wide),
    col("Selector", (o) => selector(at(o, "spec.selector.matchLabels")), wide),
  ];
}

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
  return [NAME, ...(BY_KIND[`${group}/${kind}`] ?? [AGE])];
}
