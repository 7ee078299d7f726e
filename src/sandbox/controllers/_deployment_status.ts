/** Deployment status and conditions, computed as the deployment controller computes them. */
import { timestamp } from "../_timestamps.ts";
import type { JsonObject } from "../types.ts";
import { findCondition, setCondition } from "./_conditions.ts";
import { compact, metaOf, num, obj, objects, str } from "./_json.ts";
import { nonZero } from "./_pods.ts";

/** A Deployment with its ReplicaSets, as the controller sees them after scaling. */
export interface DeploymentView {
  deployment: JsonObject;
  newRs: JsonObject | undefined;
  oldRs: readonly JsonObject[];
  /** The new ReplicaSet was created by this reconcile. */
  created: boolean;
  /** The progress deadline in seconds (option or spec, default 600). */
  deadlineSeconds: number;
}

/** Resolves an int-or-percent against `total` (percentages rounded up or down). */
function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const text = str(value) ?? "";
  if (!text.endsWith("%")) return Number.parseInt(text, 10) || 0;
  const scaled = (total * (Number.parseInt(text, 10) || 0)) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** maxSurge and maxUnavailable of a Deployment spec, resolved as `resolveFenceposts` does. */
export function fenceposts(
  spec: JsonObject,
  replicas: number,
): { surge: number; unavailable: number } {
  const strategy = obj(spec["strategy"]);
  if (str(strategy["type"]) === "Recreate") return { surge: 0, unavailable: 0 };
  const rolling = obj(strategy["rollingUpdate"]);
  const surge = intOrPercent(rolling["maxSurge"] ?? "25%", replicas, true);
  let unavailable = intOrPercent(rolling["maxUnavailable"] ?? "25%", replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: replicas === 0 ? 0 : Math.min(unavailable, replicas) };
}

function sum(sets: readonly JsonObject[], field: string, part = "status"): number {
  return sets.reduce((n, rs) => n + (num(obj(rs[part])[field]) ?? 0), 0);
}

interface Counts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

function progressed(old: JsonObject, now: Counts): boolean {
  const n = (f: string) => num(old[f]) ?? 0;
  return now.updatedReplicas > n("updatedReplicas") ||
    now.replicas - now.updatedReplicas < n("replicas") - n("updatedReplicas") ||
    now.readyReplicas > n("readyReplicas") || now.availableReplicas > n("availableReplicas");
}

/** The status to write, and when the progress deadline expires if it still can. */
export function deploymentStatus(
  view: DeploymentView,
  now: number,
): { status: JsonObject; wakeAt?: number } {
  const d = view.deployment;
  const spec = obj(d["spec"]);
  const replicas = num(spec["replicas"]) ?? 1;
  const all = view.newRs ? [view.newRs, ...view.oldRs] : [...view.oldRs];
  const counts: Counts = {
    replicas: sum(all, "replicas"),
    updatedReplicas: view.newRs ? sum([view.newRs], "replicas") : 0,
    readyReplicas: sum(all, "readyReplicas"),
    availableReplicas: sum(all, "availableReplicas"),
  };
  const nowIso = timestamp(now);
  const old = obj(d["status"]);
  const minimum = counts.availableReplicas >= replicas - fenceposts(spec, replicas).unavailable;
  let conditions = setCondition(
    objects(old["conditions"]),
    minimum
      ? {
        type: "Available",
        status: "True",
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability.",
      }
      : {
        type: "Available",
        status: "False",
        reason: "MinimumReplicasUnavailable",
        message: "Deployment does not have minimum availability.",
      },
    nowIso,
  );
  const progress = progressing(view, conditions, counts, replicas, now);
  conditions = progress.conditions;
  const status = compact({
    observedGeneration: metaOf(d).generation,
    replicas: nonZero(counts.replicas),
    updatedReplicas: nonZero(counts.updatedReplicas),
    readyReplicas: nonZero(counts.readyReplicas),
    availableReplicas: nonZero(counts.availableReplicas),
    unavailableReplicas: nonZero(
      Math.max(0, sum(all, "replicas", "spec") - counts.availableReplicas),
    ),
    conditions,
  });
  return { status, ...(progress.wakeAt === undefined ? {} : { wakeAt: progress.wakeAt }) };
}

function progressing(
  view: DeploymentView,
  start: JsonObject[],
  counts: Counts,
  replicas: number,
  now: number,
): { conditions: JsonObject[]; wakeAt?: number } {
  const nowIso = timestamp(now);
  const spec = obj(view.deployment["spec"]);
  const rs = view.newRs ? metaOf(view.newRs).name : "";
  let conditions = start;
  const set = (
    status: "True" | "False" | "Unknown",
    reason: string,
    message: string,
    touch = false,
  ) =>
    conditions = setCondition(
      conditions,
      { type: "Progressing", status, reason, message },
      nowIso,
      touch,
    );
  if (spec["paused"] === true) {
    set("Unknown", "DeploymentPaused", "Deployment is paused");
    return { conditions };
  }
  if (findCondition(conditions, "Progressing")?.["reason"] === "DeploymentPaused") {
    set("Unknown", "DeploymentResumed", "Deployment is resumed");
  }
  if (view.created) set("True", "NewReplicaSetCreated", `Created new replica set "${rs}"`);
  else if (view.newRs && !findCondition(conditions, "Progressing")) {
    set("True", "FoundNewReplicaSet", `Found new replica set "${rs}"`);
  }
  const current = findCondition(conditions, "Progressing");
  if (
    counts.replicas === counts.updatedReplicas && current?.["reason"] === "NewReplicaSetAvailable"
  ) {
    return { conditions };
  }
  const complete = counts.updatedReplicas === replicas && counts.replicas === replicas &&
    counts.availableReplicas === replicas;
  const deadline = Date.parse(str(current?.["lastUpdateTime"]) ?? "") + view.deadlineSeconds * 1000;
  if (complete) {
    set("True", "NewReplicaSetAvailable", `ReplicaSet "${rs}" has successfully progressed.`);
  } else if (progressed(obj(view.deployment["status"]), counts)) {
    set("True", "ReplicaSetUpdated", `ReplicaSet "${rs}" is progressing.`, true);
    return { conditions, wakeAt: now + view.deadlineSeconds * 1000 };
  } else if (current?.["reason"] === "ProgressDeadlineExceeded" || now >= deadline) {
    set("False", "ProgressDeadlineExceeded", `ReplicaSet "${rs}" has timed out progressing.`);
  } else if (!Number.isNaN(deadline)) return { conditions, wakeAt: deadline };
  return { conditions };
}
