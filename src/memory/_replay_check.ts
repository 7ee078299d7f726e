/**
 * A quick check of a parsed record in the current shape, for the reading worker of a parallel
 * replay: plain loops over the fields `parseDeployRecord` checks, no copies. It only answers
 * "surely valid and current": a record it does not vouch for (a fault, a 0.1 record to
 * upgrade, anything unusual) goes through `parseDeployRecord` as before, so both give the same.
 */
import {
  DEPLOY_STATUSES,
  DEPLOY_TRIGGERS,
  type DeployRecord,
  parseDeployRecord,
  RESOURCE_ACTIONS,
  STRATEGIES,
} from "../deploys/mod.ts";

const STRATEGY_SET = new Set<string>(STRATEGIES);
const STATUS_SET = new Set<string>(DEPLOY_STATUSES);
const ACTION_SET = new Set<string>(RESOURCE_ACTIONS);
const TRIGGER_SET = new Set<string>(DEPLOY_TRIGGERS);

type Fields = Record<string, unknown>;

function isObject(v: unknown): v is Fields {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStrings(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
  return true;
}

function resourcesValid(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (
      !isObject(x) || typeof x["key"] !== "string" || typeof x["apiVersion"] !== "string" ||
      typeof x["kind"] !== "string" || typeof x["name"] !== "string" ||
      !ACTION_SET.has(x["action"] as string)
    ) return false;
  }
  return true;
}

function gitFieldsValid(r: Fields): boolean {
  const trigger = r["trigger"];
  if (trigger !== undefined && !TRIGGER_SET.has(trigger as string)) return false;
  const s = r["source"];
  if (s === undefined) return true;
  return isObject(s) && typeof s["name"] === "string" && typeof s["repo"] === "string" &&
    typeof s["branch"] === "string" && typeof s["commit"] === "string" &&
    (s["previous"] === undefined || typeof s["previous"] === "string");
}

/** Whether `parseDeployRecord(r)` would surely return `r` itself (valid, nothing to upgrade). */
export function surelyCurrent(r: unknown): r is DeployRecord {
  if (!isObject(r)) return false;
  const error = r["error"];
  return typeof r["deployId"] === "string" && typeof r["service"] === "string" &&
    typeof r["namespace"] === "string" && typeof r["startedAt"] === "string" &&
    typeof r["finishedAt"] === "string" && STRATEGY_SET.has(r["strategy"] as string) &&
    STATUS_SET.has(r["status"] as string) && typeof r["durationMs"] === "number" &&
    typeof r["driftCount"] === "number" && typeof r["verified"] === "boolean" &&
    !Number.isNaN(Date.parse(r["finishedAt"])) && resourcesValid(r["resources"]) &&
    isStrings(r["strategyReasons"]) && isStrings(r["images"]) && isStrings(r["dependsOn"]) &&
    isStrings(r["warnings"]) &&
    (error === undefined || (isObject(error) && typeof error["code"] === "string")) &&
    gitFieldsValid(r);
}

/**
 * The record `parseDeployRecord` gives for `value`, or `undefined` where it throws; the quick
 * check first, the full one for what it does not vouch for.
 */
export function checkedRecord(value: unknown): DeployRecord | undefined {
  if (surelyCurrent(value)) return value;
  try {
    return parseDeployRecord(value);
  } catch {
    return undefined;
  }
}
