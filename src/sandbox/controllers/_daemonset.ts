/** The DaemonSet controller: one pod on the one node ("sandbox-node"), replaced on template change. */
import { templateHash } from "./_hash.ts";
import { metaOf, obj } from "./_json.ts";
import {
  countPods,
  createPod,
  isTerminal,
  minReadySecondsOf,
  ownedPods,
  podName,
  podRef,
} from "./_pods.ts";
import type { Ref, Runtime } from "./_runtime.ts";

const REVISION = "controller-revision-hash";

/** Reconciles one DaemonSet. */
export function reconcileDaemonSet(rt: Runtime, ref: Ref): void {
  const ds = rt.get(ref);
  if (!ds) return;
  const m = metaOf(ds);
  if (m.deleting) return;
  const spec = obj(ds["spec"]);
  const hash = templateHash(spec["template"]);
  const live = () => ownedPods(rt, m.uid).filter((p) => !isTerminal(p));
  const [first, ...extra] = live();
  for (const pod of extra) rt.remove(podRef(pod));
  const rolling = obj(spec["updateStrategy"])["type"] !== "OnDelete";
  if (first && rolling && metaOf(first).labels[REVISION] !== hash) rt.remove(podRef(first));
  if (live().length === 0) {
    createPod(rt, {
      owner: ds,
      name: podName(rt, m.namespace, m.name),
      generateName: `${m.name}-`,
      template: obj(spec["template"]),
      labels: { [REVISION]: hash, "pod-template-generation": String(m.generation) },
    });
  }
  const pods = live();
  const counts = countPods(pods, minReadySecondsOf(ds), rt.now());
  const updated = pods.filter((p) => metaOf(p).labels[REVISION] === hash).length;
  rt.updateStatus(ref, ds, {
    currentNumberScheduled: counts.total,
    numberMisscheduled: 0,
    desiredNumberScheduled: 1,
    numberReady: counts.ready,
    observedGeneration: m.generation,
    ...(updated > 0 ? { updatedNumberScheduled: updated } : {}),
    ...(counts.available > 0 ? { numberAvailable: counts.available } : {}),
    ...(counts.available < 1 ? { numberUnavailable: 1 - counts.available } : {}),
  });
  if (counts.nextAvailableAt !== undefined) rt.wakeAt(ref, counts.nextAvailableAt);
}
