/** KULTA's phase machine (§1.5): the status patch one reconcile writes, pure. */
import type { JsonObject } from "../types.ts";
import { isObject, num, obj, objects, str } from "./_json.ts";
import {
  kultaTime,
  parseDuration,
  secondsSince,
  type Strategy,
  strategyOf,
} from "./_rollout_rules.ts";
import { globMatch } from "./options.ts";

/** Annotation that promotes a paused step, a Preview or a Concluded experiment. */
const PROMOTE = "kulta.io/promote";
/** Annotation that concludes an A/B experiment. */
const CONCLUDE = "kulta.io/conclude-experiment";
const METRICS: ReadonlySet<string> = new Set(["error-rate", "latency-p95"]);

/** What one reconcile knows. */
export interface RolloutInput {
  spec: JsonObject;
  /** `undefined` before the controller first wrote status. */
  status: JsonObject | undefined;
  annotations: Record<string, string>;
  creationMs: number | undefined;
  now: number;
  /** When the rollout entered canary step `index` (sandbox stand-in for "the next reconcile"). */
  stepEnteredAt(index: number): number;
  stepMs: number;
  deadlineSeconds: number | undefined;
  analysisFailImage: string;
}

/** The outcome: a merge patch for `status` (if any), whether to stop, and when to look again. */
export interface Decision {
  patch?: JsonObject;
  /** A reconcile error: KULTA stops before computing status. */
  halt?: boolean;
  wakeAt: number[];
}

const zeros = (replicas = 0) => ({ replicas, readyReplicas: 0, updatedReplicas: 0 });

function canaryOf(spec: JsonObject): JsonObject | undefined {
  const canary = obj(spec["strategy"])["canary"];
  return isObject(canary) ? canary : undefined;
}

/** Metric analysis of a Progressing canary: "healthy", "unhealthy", or "error" (unknown metric). */
function analyse(input: RolloutInput, wakeAt: number[]): "healthy" | "unhealthy" | "error" {
  const analysis = canaryOf(input.spec)?.["analysis"];
  if (!isObject(analysis)) return "healthy";
  const warmup = parseDuration(analysis["warmupDuration"]);
  if (warmup !== undefined) {
    const stepStart = Date.parse(str(input.status?.["stepStartTime"]) ?? "");
    const start = Number.isNaN(stepStart) ? input.creationMs : stepStart;
    if (start === undefined) return "healthy";
    if (Math.trunc((input.now - start) / 1000) < warmup / 1000) {
      wakeAt.push(start + warmup);
      return "healthy";
    }
  }
  const metrics = objects(analysis["metrics"]);
  if (metrics.some((m) => !METRICS.has(str(m["name"]) ?? ""))) return "error";
  const images = objects(obj(obj(input.spec["template"])["spec"])["containers"]).map((c) =>
    str(c["image"]) ?? ""
  );
  const failing = images.some((image) => globMatch(input.analysisFailImage, image));
  return metrics.length > 0 && failing ? "unhealthy" : "healthy";
}

function concluded(input: RolloutInput, wakeAt: number[]): string | undefined {
  if (input.annotations[CONCLUDE] !== undefined) return "ManualConclusion";
  const started = obj(input.status?.["abExperiment"])["startedAt"];
  const max = parseDuration(obj(obj(input.spec["strategy"])["abTesting"])["maxDuration"]);
  const elapsed = secondsSince(started, input.now);
  if (max === undefined || elapsed === undefined) return undefined;
  if (elapsed >= max / 1000) return "MaxDurationExceeded";
  wakeAt.push(Date.parse(str(started) ?? "") + max);
  return undefined;
}

function deadlineExceeded(input: RolloutInput, wakeAt: number[]): boolean {
  const phase = input.status?.["phase"];
  const deadline = input.deadlineSeconds;
  if (deadline === undefined || (phase !== "Progressing" && phase !== "Preview")) return false;
  const since = secondsSince(input.status?.["progressStartedAt"], input.now);
  if (since === undefined) return false;
  if (since > deadline) return true;
  wakeAt.push(Date.parse(str(input.status?.["progressStartedAt"]) ?? "") + (deadline + 1) * 1000);
  return false;
}

function shouldAdvance(input: RolloutInput, steps: JsonObject[], wakeAt: number[]): boolean {
  const status = input.status ?? {};
  const index = num(status["currentStepIndex"]);
  const step = index === undefined ? undefined : steps[index];
  if (
    status["phase"] === "Paused" || status["phase"] === "Failed" || !step || index === undefined
  ) {
    return false;
  }
  if (!isObject(step["pause"])) {
    const at = input.stepEnteredAt(index) + input.stepMs;
    if (input.now >= at) return true;
    wakeAt.push(at);
    return false;
  }
  if (input.annotations[PROMOTE] === "true") return true;
  const duration = parseDuration(obj(step["pause"])["duration"]);
  const paused = secondsSince(status["pauseStartTime"], input.now);
  if (duration === undefined || paused === undefined) return false;
  if (paused >= duration / 1000) return true;
  wakeAt.push(Date.parse(str(status["pauseStartTime"]) ?? "") + duration);
  return false;
}

function canaryNext(input: RolloutInput, wakeAt: number[]): JsonObject | undefined {
  const steps = objects(canaryOf(input.spec)?.["steps"]);
  const now = kultaTime(input.now);
  if (!input.status) {
    if (!canaryOf(input.spec)) return zeros();
    const weight = num(steps[0]?.["setWeight"]) ?? 0;
    return {
      ...zeros(),
      currentStepIndex: 0,
      currentWeight: weight,
      phase: "Progressing",
      message: `Starting canary rollout at step 0 (${weight}% traffic)`,
      ...(isObject(steps[0]?.["pause"]) ? { pauseStartTime: now } : {}),
      progressStartedAt: now,
    };
  }
  if (!shouldAdvance(input, steps, wakeAt)) return undefined;
  const next = (num(input.status["currentStepIndex"]) ?? -1) + 1;
  const step = steps[next];
  if (!step) {
    const message = "Rollout completed: 100% traffic to canary";
    return {
      ...input.status,
      currentStepIndex: next,
      currentWeight: 100,
      phase: "Completed",
      message,
    };
  }
  const weight = num(step["setWeight"]) ?? 0;
  return {
    ...input.status,
    currentStepIndex: next,
    currentWeight: weight,
    phase: weight === 100 ? "Completed" : "Progressing",
    message: weight === 100
      ? "Rollout completed: 100% traffic to canary"
      : `Advanced to step ${next} (${weight}% traffic)`,
    ...(isObject(step["pause"]) ? { pauseStartTime: now } : {}),
  };
}

function blueGreenNext(input: RolloutInput): JsonObject {
  const base = zeros(num(input.spec["replicas"]) ?? 1);
  const phase = input.status?.["phase"];
  if (phase === "Completed" || (phase === "Preview" && input.annotations[PROMOTE] === "true")) {
    return {
      ...base,
      phase: "Completed",
      message: "Blue-green rollout completed: preview promoted to active",
    };
  }
  const message = phase === "Preview"
    ? "Blue-green rollout: preview environment ready, awaiting promotion"
    : "Blue-green rollout: preview environment ready";
  return { ...base, phase: "Preview", message };
}

function abNext(input: RolloutInput): JsonObject {
  const status = input.status ?? {};
  switch (status["phase"]) {
    case "Completed":
      return { ...status, phase: "Completed", message: "A/B experiment completed" };
    case "Concluded":
      return input.annotations[PROMOTE] !== undefined
        ? { ...status, phase: "Completed", message: "A/B experiment promoted" }
        : {
          ...status,
          phase: "Concluded",
          message: "A/B experiment concluded, awaiting promotion",
        };
    case "Experimenting":
      return obj(status["abExperiment"])["conclusionReason"] !== undefined
        ? { ...status, phase: "Concluded", message: "A/B experiment concluded, awaiting promotion" }
        : { ...status, phase: "Experimenting", message: "A/B experiment in progress" };
    default: {
      const abExperiment = { startedAt: kultaTime(input.now), results: [] };
      return {
        ...zeros(),
        phase: "Experimenting",
        message: "A/B experiment started",
        abExperiment,
      };
    }
  }
}

function nextStatus(strategy: Strategy, input: RolloutInput, wakeAt: number[]) {
  switch (strategy) {
    case "simple": {
      const replicas = num(input.spec["replicas"]) ?? 1;
      const message = `Simple rollout completed: ${replicas} replicas updated`;
      return { ...zeros(replicas), phase: "Completed", message };
    }
    case "blueGreen":
      return blueGreenNext(input);
    case "abTesting":
      return abNext(input);
    case "canary":
      return canaryNext(input, wakeAt);
  }
}

/** Steps 4–7 of a KULTA reconcile: analysis, experiment conclusion, deadline, next status. */
export function decide(input: RolloutInput): Decision {
  const wakeAt: number[] = [];
  const strategy = strategyOf(input.spec);
  const status = input.status;
  if (strategy === "canary" && status?.["phase"] === "Progressing") {
    const verdict = analyse(input, wakeAt);
    if (verdict === "error") return { halt: true, wakeAt };
    if (verdict === "unhealthy") {
      const message = "Rollback triggered: metrics exceeded thresholds";
      return { patch: { ...status, phase: "Failed", message }, wakeAt };
    }
  }
  if (strategy === "abTesting" && status?.["phase"] === "Experimenting") {
    const reason = concluded(input, wakeAt);
    if (reason) {
      const now = kultaTime(input.now);
      const started = str(obj(status["abExperiment"])["startedAt"]) ?? now;
      const abExperiment = {
        startedAt: started,
        concludedAt: now,
        results: [],
        conclusionReason: reason,
      };
      const message = `A/B experiment concluded: Some(${reason})`;
      return { patch: { ...status, phase: "Concluded", message, abExperiment }, wakeAt };
    }
  }
  if (deadlineExceeded(input, wakeAt)) {
    const message =
      `Progress deadline exceeded: no progress made in ${input.deadlineSeconds} seconds`;
    return { patch: { ...status, phase: "Failed", message }, wakeAt };
  }
  const patch = nextStatus(strategy, input, wakeAt);
  return patch ? { patch, wakeAt } : { wakeAt };
}
