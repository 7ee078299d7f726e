/** The Job controller: runs pods until `completions` succeed, or fails past `backoffLimit`. */
import { rfc3339 } from "../../shared/mod.ts";
import type { JsonObject } from "../types.ts";
import { findCondition, jobCondition } from "./_conditions.ts";
import { compact, metaOf, num, obj, objects, str } from "./_json.ts";
import { KUBELET } from "./_events.ts";
import { createPod, nonZero, ownedPods, phaseOf, podName, podRef, readySince } from "./_pods.ts";
import type { Ref, Runtime } from "./_runtime.ts";

/** Waiting reasons that count a Job's pod as failed (the pod will not start without a change). */
const STUCK: ReadonlySet<string> = new Set([
  "ErrImagePull",
  "ImagePullBackOff",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
]);

function stuckReason(pod: JsonObject): string | undefined {
  for (const c of objects(obj(pod["status"])["containerStatuses"])) {
    const reason = str(obj(obj(c["state"])["waiting"])["reason"]);
    if (reason && STUCK.has(reason)) return reason;
  }
  return undefined;
}

/** Marks a pod that cannot start as Failed, as a pod failure policy would. */
function failStuck(rt: Runtime, pod: JsonObject, reason: string): void {
  const status = {
    ...obj(pod["status"]),
    phase: "Failed",
    message: `Pod failed: a container is waiting with reason "${reason}"`,
  };
  rt.api.writeStatus("", "Pod", metaOf(pod).namespace, metaOf(pod).name, status, KUBELET);
}

function createJobPod(rt: Runtime, job: JsonObject): void {
  const m = metaOf(job);
  createPod(rt, {
    owner: job,
    name: podName(rt, m.namespace, m.name),
    generateName: `${m.name}-`,
    template: obj(obj(job["spec"])["template"]),
    labels: {
      "batch.kubernetes.io/controller-uid": m.uid,
      "batch.kubernetes.io/job-name": m.name,
      "controller-uid": m.uid,
      "job-name": m.name,
    },
  });
}

/** Reconciles one Job. */
export function reconcileJob(rt: Runtime, ref: Ref): void {
  const job = rt.get(ref);
  if (!job) return;
  const m = metaOf(job);
  const old = obj(job["status"]);
  const finished = ["Complete", "Failed"].some((t) =>
    findCondition(old["conditions"], t)?.["status"] === "True"
  );
  if (m.deleting || finished) return;
  for (const pod of ownedPods(rt, m.uid)) {
    const reason = phaseOf(pod) === "Failed" ? undefined : stuckReason(pod);
    if (reason) failStuck(rt, pod, reason);
  }
  const spec = obj(job["spec"]);
  const now = rt.now();
  const nowIso = rfc3339(now);
  const pods = ownedPods(rt, m.uid);
  const succeeded = pods.filter((p) => phaseOf(p) === "Succeeded").length;
  const failed = pods.filter((p) => phaseOf(p) === "Failed").length;
  let active = pods.filter((p) => phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed");
  if (failed > (num(old["failed"]) ?? 0)) rt.setMark(m.uid, "failed", now);
  const completions = num(spec["completions"]) ?? 1;
  let conditions = objects(old["conditions"]);
  let completionTime: string | undefined;
  if (failed > (num(spec["backoffLimit"]) ?? 6)) {
    for (const pod of active) rt.remove(podRef(pod));
    active = [];
    const why = "Job has reached the specified backoff limit";
    conditions = [
      jobCondition("FailureTarget", "BackoffLimitExceeded", why, nowIso),
      jobCondition("Failed", "BackoffLimitExceeded", why, nowIso),
    ];
  } else if (succeeded >= completions) {
    const why = "Reached expected number of succeeded pods";
    conditions = [
      jobCondition("SuccessCriteriaMet", "CompletionsReached", why, nowIso),
      jobCondition("Complete", "CompletionsReached", why, nowIso),
    ];
    completionTime = nowIso;
  } else if (spec["suspend"] !== true) {
    const want = Math.min(num(spec["parallelism"]) ?? 1, completions - succeeded) - active.length;
    const allowedAt = failed === 0
      ? now
      : rt.since(m.uid, "failed") + Math.min(10_000 * 2 ** (failed - 1), 360_000);
    if (want > 0 && now >= allowedAt) { for (let i = 0; i < want; i++) createJobPod(rt, job); }
    else if (want > 0) rt.wakeAt(ref, allowedAt);
    active = ownedPods(rt, m.uid).filter((p) =>
      phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed"
    );
  }
  rt.updateStatus(
    ref,
    job,
    compact({
      conditions: conditions.length > 0 ? conditions : undefined,
      startTime: str(old["startTime"]) ?? nowIso,
      completionTime,
      active: nonZero(active.length),
      ready: active.filter((p) => readySince(p) !== undefined).length,
      succeeded: nonZero(succeeded),
      failed: nonZero(failed),
      terminating: 0,
      uncountedTerminatedPods: {},
    }),
  );
}
