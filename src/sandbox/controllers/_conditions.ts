/** Workload conditions, updated with the apps controllers' rules for their timestamps. */
import type { JsonObject } from "../types.ts";
import { objects, str } from "./_json.ts";

/** A condition to set. */
export interface ConditionInput {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
}

/** The condition of `type` in a list, if any. */
export function findCondition(conditions: unknown, type: string): JsonObject | undefined {
  return objects(conditions).find((c) => c["type"] === type);
}

/**
 * Sets a Deployment condition as `SetDeploymentCondition` does: unchanged when status
 * and reason are the same (unless `touch`), and `lastTransitionTime` kept while the
 * status stays the same. Returns a new list; the condition keeps its position.
 */
export function setCondition(
  conditions: readonly JsonObject[],
  next: ConditionInput,
  nowIso: string,
  touch = false,
): JsonObject[] {
  const current = findCondition(conditions, next.type);
  if (current && current["status"] === next.status && current["reason"] === next.reason && !touch) {
    return [...conditions];
  }
  const sameStatus = current !== undefined && current["status"] === next.status;
  const condition: JsonObject = {
    type: next.type,
    status: next.status,
    lastUpdateTime: nowIso,
    lastTransitionTime: sameStatus ? str(current["lastTransitionTime"]) ?? nowIso : nowIso,
    reason: next.reason,
    message: next.message,
  };
  return current
    ? conditions.map((c) => c === current ? condition : c)
    : [...conditions, condition];
}

/** A Job-style condition (`lastProbeTime`, `lastTransitionTime`), True since `nowIso`. */
export function jobCondition(
  type: string,
  reason: string,
  message: string,
  nowIso: string,
): JsonObject {
  return {
    type,
    status: "True",
    lastProbeTime: nowIso,
    lastTransitionTime: nowIso,
    reason,
    message,
  };
}
