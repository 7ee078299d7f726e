/** parseDeployRecord(): a record read back from the log or an import, checked and typed. */
import { isPlainObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { DeployRecord } from "./record.ts";
import { upgradeLegacyRecord } from "./_legacy_record.ts";
import { DEPLOY_STATUSES, DEPLOY_TRIGGERS, RESOURCE_ACTIONS, STRATEGIES } from "./types.ts";

const STRATEGY_SET = new Set<string>(STRATEGIES);
const STATUS_SET = new Set<string>(DEPLOY_STATUSES);
const ACTION_SET = new Set<string>(RESOURCE_ACTIONS);
const TRIGGER_SET = new Set<string>(DEPLOY_TRIGGERS);

function fail(where: string, field: string): never {
  throw new NopeaError(
    "MEMORY_CORRUPT",
    `Cannot read the deploy record ${where}: field "${field}" is missing or invalid`,
    {
      hint: "Restore the file from a backup or `nopea memory import` an export; " +
        "a record written by another tool can be removed from the log",
    },
  );
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

function checkResources(r: Record<string, unknown>, where: string): void {
  if (!Array.isArray(r["resources"])) fail(where, "resources");
  r["resources"].forEach((res: unknown, i: number) => {
    const at = `resources[${i}]`;
    if (!isPlainObject(res)) fail(where, at);
    for (const f of ["key", "apiVersion", "kind", "name"]) {
      if (typeof res[f] !== "string") fail(where, `${at}.${f}`);
    }
    if (!ACTION_SET.has(res["action"] as string)) fail(where, `${at}.action`);
  });
}

/** The optional git fields of `nopea watch` deploys (records without them stay valid). */
function checkGitFields(r: Record<string, unknown>, where: string): void {
  if (r["trigger"] !== undefined && !TRIGGER_SET.has(r["trigger"] as string)) {
    fail(where, "trigger");
  }
  const source = r["source"];
  if (source === undefined) return;
  if (!isPlainObject(source)) fail(where, "source");
  for (const f of ["name", "repo", "branch", "commit"]) {
    if (typeof source[f] !== "string") fail(where, `source.${f}`);
  }
  if (source["previous"] !== undefined && typeof source["previous"] !== "string") {
    fail(where, "source.previous");
  }
}

/**
 * Checks that `value` has the shape of a {@linkcode DeployRecord} (as read back from the
 * occurrence log or an import) and returns it typed. Records written by Nopea 0.1 are
 * upgraded to the current shape first.
 *
 * @param value The parsed JSON.
 * @param where Where it was read from, for the error message.
 * @returns The record, typed.
 * @throws {NopeaError} `MEMORY_CORRUPT` naming the first bad field.
 *
 * @example
 * ```ts
 * import { parseDeployRecord } from "@nopea/nopea";
 * import { throws } from "node:assert/strict";
 * throws(() => parseDeployRecord({ service: "api" }), /"deployId"/);
 * ```
 */
export function parseDeployRecord(value: unknown, where = "from memory"): DeployRecord {
  if (!isPlainObject(value)) fail(where, "record");
  const r = upgradeLegacyRecord(value);
  for (const f of ["deployId", "service", "namespace", "startedAt", "finishedAt"]) {
    if (typeof r[f] !== "string") fail(where, f);
  }
  if (!STRATEGY_SET.has(r["strategy"] as string)) fail(where, "strategy");
  if (!STATUS_SET.has(r["status"] as string)) fail(where, "status");
  for (const f of ["durationMs", "driftCount"]) {
    if (typeof r[f] !== "number") fail(where, f);
  }
  if (Number.isNaN(Date.parse(r["finishedAt"] as string))) fail(where, "finishedAt");
  if (typeof r["verified"] !== "boolean") fail(where, "verified");
  checkResources(r, where);
  for (const f of ["strategyReasons", "images", "dependsOn", "warnings"]) {
    if (!isStrings(r[f])) fail(where, f);
  }
  const err = r["error"];
  if (err !== undefined && (!isPlainObject(err) || typeof err["code"] !== "string")) {
    fail(where, "error.code");
  }
  checkGitFields(r, where);
  return r as unknown as DeployRecord;
}
