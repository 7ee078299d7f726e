/** Beyond kstatus: container waiting reasons, terminations and Warning events of a workload's pods. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

/** Waiting reasons that mean a container will not start without a change. */
export const BLOCKING_REASONS: ReadonlySet<string> = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "CreateContainerError",
  "InvalidImageName",
]);

/** One problem seen on a pod. */
export interface PodProblem {
  /** The pod's name. */
  pod: string;
  /** The container concerned; absent for pod-level problems and events. */
  container?: string;
  /** `ImagePullBackOff`, `CrashLoopBackOff`, `Unschedulable`, or a Warning event reason. */
  reason: string;
  /** The message of the waiting state, condition or event, with the last exit code if any. */
  message: string;
  /** Whether the reason blocks the rollout until the spec changes (fails after the tolerance window). */
  blocking: boolean;
  /** How often the container has restarted. */
  restartCount?: number;
  /** The exit code of the container's last termination. */
  exitCode?: number;
}

type Obj = Record<string, unknown>;
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const field = (o: unknown, k: string): Obj | undefined => {
  const v = isPlainObject(o) ? o[k] : undefined;
  return isPlainObject(v) ? v : undefined;
};

function containerProblems(pod: string, status: Obj): PodProblem[] {
  const name = String(status["name"] ?? "");
  const restartCount = typeof status["restartCount"] === "number" ? status["restartCount"] : 0;
  const waiting = field(field(status, "state"), "waiting");
  const terminated = field(field(status, "lastState"), "terminated");
  if (!waiting || status["ready"] === true) return [];
  const reason = String(waiting["reason"] ?? "Waiting");
  if (reason === "ContainerCreating" || reason === "PodInitializing") return [];
  let message = String(waiting["message"] ?? reason);
  const exitCode = typeof terminated?.["exitCode"] === "number"
    ? terminated["exitCode"]
    : undefined;
  if (terminated) {
    const said = terminated["message"] ?? terminated["reason"] ?? "";
    message += `; last exit code ${exitCode ?? "?"}${said ? `: ${String(said)}` : ""}`;
  }
  return [{
    pod,
    container: name,
    reason,
    message,
    blocking: BLOCKING_REASONS.has(reason),
    restartCount,
    ...(exitCode === undefined ? {} : { exitCode }),
  }];
}

/**
 * The problems of a set of pods: blocked containers, unschedulable pods and recent
 * Warning events about them (newest last, one per pod and reason).
 *
 * @example
 * ```ts
 * import { podProblems } from "./pod_problems.ts";
 * import { equal } from "node:assert/strict";
 * const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "api-1" }, status: { containerStatuses: [
 *   { name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff", message: "Back-off" } } }] } };
 * equal(podProblems([pod], [])[0]?.reason, "ImagePullBackOff");
 * ```
 */
export function podProblems(
  pods: readonly KubeObject[],
  events: readonly KubeObject[],
): PodProblem[] {
  const problems: PodProblem[] = [];
  const names = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata.name ?? "";
    names.add(name);
    const status = field(pod, "status");
    for (
      const c of [
        ...objects(status?.["initContainerStatuses"]),
        ...objects(status?.["containerStatuses"]),
      ]
    ) {
      problems.push(...containerProblems(name, c));
    }
    const scheduled = objects(status?.["conditions"]).find((c) => c["type"] === "PodScheduled");
    if (scheduled?.["status"] === "False" && scheduled["reason"] === "Unschedulable") {
      problems.push({
        pod: name,
        reason: "Unschedulable",
        message: String(scheduled["message"] ?? ""),
        blocking: false,
      });
    }
  }
  const seen = new Set(problems.flatMap((p) => [`${p.pod}/${p.reason}`, `${p.pod}/${p.message}`]));
  for (const event of events) {
    const involved = field(event, "involvedObject") ?? field(event, "regarding");
    const pod = String(involved?.["name"] ?? "");
    const reason = String(event["reason"] ?? "");
    if (event["type"] !== "Warning" || !names.has(pod) || seen.has(`${pod}/${reason}`)) continue;
    seen.add(`${pod}/${reason}`);
    problems.push({
      pod,
      reason,
      message: String(event["message"] ?? event["note"] ?? ""),
      blocking: false,
    });
  }
  return problems;
}
