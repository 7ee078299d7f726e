/** The Deployment controller: one ReplicaSet per pod template, rolled out and reported. */
import type { JsonObject } from "../types.ts";
import { ownedReplicaSets } from "./_adoption.ts";
import { deploymentStatus, fenceposts } from "./_deployment_status.ts";
import { templateHash } from "./_hash.ts";
import { compact, metaOf, num, obj, stringMap } from "./_json.ts";
import { recordScaling } from "./_normal_events.ts";
import { controllerRef } from "./_pods.ts";
import type { Ref, Runtime } from "./_runtime.ts";

const REVISION = "deployment.kubernetes.io/revision";
const HISTORY = "deployment.kubernetes.io/revision-history";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX = "deployment.kubernetes.io/max-replicas";
const HASH = "pod-template-hash";

function revisionOf(rs: JsonObject): number {
  return Number.parseInt(metaOf(rs).annotations[REVISION] ?? "0", 10) || 0;
}

/** A reused ReplicaSet's new revision; its earlier ones go to `revision-history`, as kube does. */
function nextRevision(rs: JsonObject, revision: number): Record<string, string> {
  const a = metaOf(rs).annotations;
  const history = [a[HISTORY], a[REVISION]].filter((r) => r !== undefined && r !== "").join(",");
  return { [REVISION]: String(revision), ...(history === "" ? {} : { [HISTORY]: history }) };
}

function withHash(labels: unknown, hash: string): Record<string, string> {
  return { ...stringMap(labels), [HASH]: hash };
}

function buildReplicaSet(
  d: JsonObject,
  hash: string,
  revision: number,
  replicas: number,
): JsonObject {
  const m = metaOf(d);
  const spec = obj(d["spec"]);
  const template = { ...obj(spec["template"]) };
  const tm = obj(template["metadata"]);
  template["metadata"] = { ...tm, labels: withHash(tm["labels"], hash) };
  const selector = { ...obj(spec["selector"]) };
  selector["matchLabels"] = withHash(selector["matchLabels"], hash);
  const desired = num(spec["replicas"]) ?? 1;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${m.name}-${hash}`,
      namespace: m.namespace,
      labels: withHash(tm["labels"], hash),
      annotations: {
        [DESIRED]: String(desired),
        [MAX]: String(desired + fenceposts(spec, desired).surge),
        [REVISION]: String(revision),
      },
      ownerReferences: [controllerRef(d)],
    },
    spec: compact({ replicas, minReadySeconds: spec["minReadySeconds"], selector, template }),
  };
}

/** Sets spec fields and annotations of a ReplicaSet when they differ; returns it as stored. */
function updateReplicaSet(
  rt: Runtime,
  rs: JsonObject,
  spec: JsonObject,
  annotations: Record<string, string> = {},
): JsonObject {
  const m = metaOf(rs);
  const current = obj(rs["spec"]);
  const same = Object.entries(annotations).every(([k, v]) => m.annotations[k] === v) &&
    Object.entries(spec).every(([k, v]) => current[k] === v);
  if (same) return rs;
  const next: JsonObject = { ...rs, metadata: { ...obj(rs["metadata"]) } };
  obj(next["metadata"])["annotations"] = { ...m.annotations, ...annotations };
  next["spec"] = compact({ ...current, ...spec });
  return rt.put(next);
}

function available(rs: JsonObject): number {
  return num(obj(rs["status"])["availableReplicas"]) ?? 0;
}

function activePods(sets: readonly JsonObject[]): number {
  return sets.reduce((n, rs) => n + (num(obj(rs["status"])["replicas"]) ?? 0), 0);
}

/** Scales the new ReplicaSet up and the old ones down, per the Deployment's strategy. */
function rollOut(rt: Runtime, d: JsonObject, newRs: JsonObject, oldRs: JsonObject[]) {
  const spec = obj(d["spec"]);
  const replicas = num(spec["replicas"]) ?? 1;
  const recreate = obj(spec["strategy"])["type"] === "Recreate";
  const notes = {
    [DESIRED]: String(replicas),
    [MAX]: String(replicas + fenceposts(spec, replicas).surge),
  };
  const retire = recreate || available(newRs) >= replicas;
  const olds = oldRs.map((rs) => retire ? updateReplicaSet(rt, rs, { replicas: 0 }) : rs);
  const target = recreate && activePods(olds) > 0 ? 0 : replicas;
  const minReadySeconds = num(spec["minReadySeconds"]);
  return { newRs: updateReplicaSet(rt, newRs, { replicas: target, minReadySeconds }, notes), olds };
}

/** Reconciles one Deployment. */
export function reconcileDeployment(rt: Runtime, ref: Ref): void {
  let d = rt.get(ref);
  if (!d) return;
  const m = metaOf(d);
  if (m.deleting) return;
  const spec = obj(d["spec"]);
  const hash = templateHash(spec["template"]);
  const owned = ownedReplicaSets(rt, d, (rs) => metaOf(rs).labels[HASH] === hash);
  let newRs = owned.find((rs) => metaOf(rs).labels[HASH] === hash);
  let oldRs = owned.filter((rs) => rs !== newRs);
  const maxOld = Math.max(0, ...oldRs.map(revisionOf));
  let created = false;
  if (spec["paused"] !== true) {
    if (!newRs) {
      const recreate = obj(spec["strategy"])["type"] === "Recreate" && activePods(oldRs) > 0;
      newRs = rt.put(
        buildReplicaSet(d, hash, maxOld + 1, recreate ? 0 : num(spec["replicas"]) ?? 1),
      );
      created = true;
    } else if (revisionOf(newRs) <= maxOld) {
      newRs = updateReplicaSet(rt, newRs, {}, nextRevision(newRs, maxOld + 1));
    }
    const before = new Map(owned.map((rs) => [metaOf(rs).uid, num(obj(rs["spec"])["replicas"])]));
    ({ newRs, olds: oldRs } = rollOut(rt, d, newRs, oldRs));
    for (const rs of [newRs, ...oldRs]) recordScaling(rt, d, rs, before.get(metaOf(rs).uid) ?? 0);
  }
  if (newRs && m.annotations[REVISION] !== String(revisionOf(newRs))) {
    const next: JsonObject = { ...d, metadata: { ...obj(d["metadata"]) } };
    obj(next["metadata"])["annotations"] = {
      ...m.annotations,
      [REVISION]: String(revisionOf(newRs)),
    };
    d = rt.put(next);
  }
  const deadline = rt.settings.progressDeadlineSeconds ?? num(spec["progressDeadlineSeconds"]) ??
    600;
  const { status, wakeAt } = deploymentStatus(
    { deployment: d, newRs, oldRs, created, deadlineSeconds: deadline },
    rt.now(),
  );
  rt.updateStatus(ref, d, status);
  if (wakeAt !== undefined) rt.wakeAt(ref, wakeAt);
}
