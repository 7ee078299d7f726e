/** The KULTA controller: drives `kulta.io` Rollouts through their phases (§1.4–1.7). */
import type { JsonObject } from "../types.ts";
import { isObject, jsonEqual, mergePatch, metaOf, num, obj } from "./_json.ts";
import { KULTA, reconcileReplicaSets, reconcileTraffic, routeOf } from "./_rollout_objects.ts";
import { strategyOf, validateRollout } from "./_rollout_rules.ts";
import { decide } from "./_rollout_status.ts";
import type { Ref, Runtime } from "./_runtime.ts";

/** Status as KULTA reads it: absent (or empty) means "not initialized yet". */
function statusOf(rollout: JsonObject): JsonObject | undefined {
  const status = rollout["status"];
  return isObject(status) && Object.keys(status).length > 0 ? status : undefined;
}

/** Reconciles one Rollout, in KULTA's order: validate, ReplicaSets, traffic, then status. */
export function reconcileRollout(rt: Runtime, ref: Ref): void {
  const rollout = rt.get(ref);
  if (!rollout) return;
  const m = metaOf(rollout);
  const spec = obj(rollout["spec"]);
  if (m.deleting || validateRollout(spec) !== undefined) return;
  const strategy = strategyOf(spec);
  const status = statusOf(rollout);
  reconcileReplicaSets(rt, rollout, strategy, status);
  reconcileTraffic(rt, rollout, strategy, status);
  const decision = decide({
    spec,
    status,
    annotations: m.annotations,
    creationMs: m.creationMs,
    now: rt.now(),
    stepEnteredAt: (index) => rt.since(m.uid, `step/${index}`),
    stepMs: rt.settings.rolloutStepMs,
    deadlineSeconds: rt.settings.progressDeadlineSeconds ?? num(spec["progressDeadlineSeconds"]),
    analysisFailImage: rt.settings.analysisFailImage,
  });
  if (decision.halt) return;
  for (const at of decision.wakeAt) rt.wakeAt(ref, at);
  if (!decision.patch) return;
  const next = mergePatch(status ?? {}, decision.patch) as JsonObject;
  if (jsonEqual(next, rollout["status"])) return;
  const index = num(next["currentStepIndex"]);
  if (index !== undefined && index !== num(status?.["currentStepIndex"])) {
    rt.setMark(m.uid, `step/${index}`, rt.now());
  }
  rt.api.writeStatus(ref.group, ref.kind, ref.namespace, ref.name, next, KULTA);
}

/** Queues the Rollouts of `namespace` that route through the HTTPRoute `name`. */
export function enqueueRolloutsOfRoute(rt: Runtime, namespace: string, name: string): void {
  for (const rollout of rt.api.list("kulta.io", "Rollout", namespace)) {
    if (routeOf(rollout) === name) {
      rt.enqueue({ group: "kulta.io", kind: "Rollout", namespace, name: metaOf(rollout).name });
    }
  }
}
