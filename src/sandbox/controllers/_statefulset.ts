/** The StatefulSet controller: pods `<name>-0..n-1`, created in order, updated from the top. */
import type { JsonObject } from "../types.ts";
import { templateHash } from "./_hash.ts";
import { metaOf, num, obj, objects, str, stringMap } from "./_json.ts";
import { countPods, createPod, minReadySecondsOf, ownedPods, podRef, readySince } from "./_pods.ts";
import type { Ref, Runtime } from "./_runtime.ts";

const REVISION = "controller-revision-hash";

function ordinalOf(setName: string, pod: JsonObject): number {
  const name = metaOf(pod).name;
  const n = name.startsWith(`${setName}-`) ? Number(name.slice(setName.length + 1)) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** Creates the claims of `volumeClaimTemplates` for pod `ordinal` when they do not exist. */
function ensureClaims(rt: Runtime, set: JsonObject, ordinal: number): JsonObject[] {
  const m = metaOf(set);
  const spec = obj(set["spec"]);
  const volumes: JsonObject[] = [];
  for (const template of objects(spec["volumeClaimTemplates"])) {
    const tm = metaOf(template);
    const claim = `${tm.name}-${m.name}-${ordinal}`;
    volumes.push({ name: tm.name, persistentVolumeClaim: { claimName: claim } });
    const ref = { group: "", kind: "PersistentVolumeClaim", namespace: m.namespace, name: claim };
    if (rt.get(ref)) continue;
    rt.put({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name: claim,
        namespace: m.namespace,
        labels: stringMap(obj(spec["selector"])["matchLabels"]),
      },
      spec: structuredClone(obj(template["spec"])),
    });
  }
  return volumes;
}

function createOrdinal(rt: Runtime, set: JsonObject, ordinal: number, revision: string): void {
  const m = metaOf(set);
  const spec = obj(set["spec"]);
  const template = obj(spec["template"]);
  const name = `${m.name}-${ordinal}`;
  const claimVolumes = ensureClaims(rt, set, ordinal);
  const volumes = [...objects(obj(template["spec"])["volumes"]), ...claimVolumes];
  createPod(rt, {
    owner: set,
    name,
    template,
    labels: {
      [REVISION]: revision,
      "statefulset.kubernetes.io/pod-name": name,
      "apps.kubernetes.io/pod-index": String(ordinal),
    },
    spec: {
      hostname: name,
      ...(str(spec["serviceName"]) ? { subdomain: spec["serviceName"] } : {}),
      ...(volumes.length > 0 ? { volumes } : {}),
    },
  });
}

/** Creates, deletes or replaces at most what the pod management policy allows; true if it acted. */
function step(
  rt: Runtime,
  set: JsonObject,
  pods: Map<number, JsonObject>,
  revision: string,
): boolean {
  const spec = obj(set["spec"]);
  const replicas = num(spec["replicas"]) ?? 1;
  const ordered = spec["podManagementPolicy"] !== "Parallel";
  let acted = false;
  for (let i = 0; i < replicas; i++) {
    const pod = pods.get(i);
    if (!pod) {
      createOrdinal(rt, set, i, revision);
      acted = true;
      if (ordered) return true;
    } else if (ordered && readySince(pod) === undefined) return acted;
  }
  const extra = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
  for (const i of ordered ? extra.slice(0, 1) : extra) {
    rt.remove(podRef(pods.get(i) as JsonObject));
    acted = true;
  }
  if (acted || obj(spec["updateStrategy"])["type"] === "OnDelete") return acted;
  if ([...pods.values()].some((p) => readySince(p) === undefined)) return false;
  const partition = num(obj(obj(spec["updateStrategy"])["rollingUpdate"])["partition"]) ?? 0;
  for (let i = replicas - 1; i >= partition; i--) {
    const pod = pods.get(i);
    if (pod && metaOf(pod).labels[REVISION] !== revision) {
      rt.remove(podRef(pod));
      return true;
    }
  }
  return false;
}

/** Reconciles one StatefulSet. */
export function reconcileStatefulSet(rt: Runtime, ref: Ref): void {
  const set = rt.get(ref);
  if (!set) return;
  const m = metaOf(set);
  if (m.deleting) return;
  const updateRevision = `${m.name}-${templateHash(obj(set["spec"])["template"])}`;
  const byOrdinal = () =>
    new Map(
      ownedPods(rt, m.uid).map((p) => [ordinalOf(m.name, p), p] as const).filter(([i]) => i >= 0),
    );
  step(rt, set, byOrdinal(), updateRevision);
  const pods = [...byOrdinal().values()];
  const counts = countPods(pods, minReadySecondsOf(set), rt.now());
  const old = obj(set["status"]);
  const updated = pods.filter((p) => metaOf(p).labels[REVISION] === updateRevision).length;
  const replicas = num(obj(set["spec"])["replicas"]) ?? 1;
  const done = updated === replicas && counts.ready === replicas && counts.total === replicas;
  const currentRevision = done ? updateRevision : str(old["currentRevision"]) ?? updateRevision;
  rt.updateStatus(ref, set, {
    observedGeneration: m.generation,
    replicas: counts.total,
    readyReplicas: counts.ready,
    currentReplicas: pods.filter((p) => metaOf(p).labels[REVISION] === currentRevision).length,
    updatedReplicas: updated,
    availableReplicas: counts.available,
    currentRevision,
    updateRevision,
    collisionCount: 0,
  });
  if (counts.nextAvailableAt !== undefined) rt.wakeAt(ref, counts.nextAvailableAt);
}
