/** Readiness values, the status readers every rule uses, and the generic kstatus rule. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

/** How far an object is: ready, still progressing, or failed for good. */
export type ReadinessState = "ready" | "progressing" | "failed";

/** The readiness of one object, with a message a person can act on. */
export interface Readiness {
  /** Ready, progressing or failed. */
  state: ReadinessState;
  /** What the object is waiting for or why it failed. */
  message: string;
  /** A machine-readable reason on failure (`ProgressDeadlineExceeded`, `Stalled`, ...). */
  reason?: string;
}

/** A plain JSON object, as the status readers see one. */
export type Obj = Record<string, unknown>;

/** A number field of `o`, 0 when absent or not a number. */
export function num(o: Obj | undefined, field: string): number {
  const v = o?.[field];
  return typeof v === "number" ? v : 0;
}

/** An object field of `o`, `undefined` when absent or not an object. */
export function sub(o: unknown, field: string): Obj | undefined {
  const v = isPlainObject(o) ? o[field] : undefined;
  return isPlainObject(v) ? v : undefined;
}

/** The condition of `type` in `status.conditions`, if any. */
export function conditionOf(obj: KubeObject, type: string): Obj | undefined {
  const conditions = sub(obj, "status")?.["conditions"];
  if (!Array.isArray(conditions)) return undefined;
  return conditions.find((c): c is Obj => isPlainObject(c) && c["type"] === type);
}

/** Whether the controller saw the latest generation (true when none is reported). */
export function generationObserved(obj: KubeObject): boolean {
  const status = sub(obj, "status");
  const observed = status?.["observedGeneration"];
  return typeof observed !== "number" || (obj.metadata.generation ?? 0) <= observed;
}

/** A ready and a progressing readiness with their message. */
export const ready = (message: string): Readiness => ({ state: "ready", message });
export const waiting = (message: string): Readiness => ({ state: "progressing", message });
/** A failed readiness: the condition's reason, and the message. */
export const failed = (reason: string, message: string): Readiness => ({
  state: "failed",
  reason,
  message,
});

/** kstatus for any other kind: observed generation, then `Stalled`, then `Ready`. */
export function genericResource(obj: KubeObject): Readiness {
  if (!generationObserved(obj)) {
    return waiting("waiting for the controller to observe the latest generation");
  }
  const stalled = conditionOf(obj, "Stalled");
  if (stalled?.["status"] === "True") {
    return failed("Stalled", `stalled: ${String(stalled["message"] ?? "")}`);
  }
  const readyCondition = conditionOf(obj, "Ready");
  if (!readyCondition) return ready("applied");
  if (readyCondition["status"] === "True") return ready("Ready");
  const reason = String(readyCondition["reason"] ?? "");
  const message = String(readyCondition["message"] ?? reason);
  return /Failed|Error|Invalid/.test(reason)
    ? failed(reason, `not ready: ${message}`)
    : waiting(`not ready yet: ${message}`);
}
