/** DeployRecord: what memory records about one deploy (the engine maps its result to it). */
import { NopeaError } from "../shared/mod.ts";
import type { Strategy } from "../strategy/mod.ts";

export type { Strategy };

/** The outcome of a deploy; `progressing` while a KULTA Rollout is under way. */
export type DeployStatus = "completed" | "failed" | "rolledback" | "progressing";

/** Every deploy status, in display order. */
export const DEPLOY_STATUSES: readonly DeployStatus[] = [
  "completed",
  "failed",
  "rolledback",
  "progressing",
];

/** What happened to one object of the deploy. */
export type ResourceAction = "created" | "configured" | "unchanged" | "failed" | "deleted";

/** One object of a deploy and what happened to it. */
export interface ResourceOutcome {
  /** `formatKey()` of the object. */
  key: string;
  /** The object's kind. */
  kind: string;
  /** The object's name. */
  name: string;
  /** The object's namespace; absent when cluster-scoped. */
  namespace?: string;
  /** What the deploy did to it. */
  action: ResourceAction;
  /** The uid the cluster gave it. */
  uid?: string;
  /** Its resourceVersion after the deploy. */
  resourceVersion?: string;
  /** Why it failed. */
  error?: string;
}

/** Why a deploy failed. */
export interface DeployError {
  /** A NopeaError code (or another tool's code). */
  code: string;
  /** What went wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** `formatKey()` of the object concerned. */
  resource?: string;
  /** The normalized error class (see `classifyError`); filled in by memory when absent. */
  errorClass?: string;
}

/** What memory records about one deploy. */
export interface DeployRecord {
  /** The deploy's ULID. */
  deployId: string;
  /** The service deployed. */
  service: string;
  /** The namespace deployed to. */
  namespace: string;
  /** The strategy used. */
  strategy: Strategy;
  /** Why that strategy was chosen. */
  strategyReasons: string[];
  /** The outcome. */
  status: DeployStatus;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  finishedAt: string;
  /** How long the deploy took. */
  durationMs: number;
  /** What happened to each object. */
  resources: ResourceOutcome[];
  /** Whether post-deploy verification passed. */
  verified: boolean;
  /** How many objects drifted after the deploy. */
  drift?: number;
  /** Why the deploy failed. */
  error?: DeployError;
  /** Container images deployed. */
  images: string[];
  /** Other services this deploy's manifests reference. */
  dependsOn: string[];
  /** Content hash of the stored manifest set (for rollback). */
  manifestsHash?: string;
  /** The deployId this deploy rolled back to. */
  rollbackOf?: string;
  /** Side effects that failed without changing the outcome. */
  warnings: string[];
}

const STRATEGIES = new Set(["direct", "canary", "blue_green"]);
const STATUSES = new Set<string>(DEPLOY_STATUSES);

function fail(where: string, field: string): never {
  throw new NopeaError(
    "MEMORY_CORRUPT",
    `Cannot read the deploy record ${where}: field "${field}" is missing or invalid`,
    {
      hint:
        "The record was not written by this version of Nopea; remove it or restore the file from a backup",
    },
  );
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

/**
 * Checks that `value` has the shape of a {@linkcode DeployRecord} (as read back
 * from the occurrence log or an import) and returns it typed.
 *
 * @param value The parsed JSON.
 * @param where Where it was read from, for the error message.
 * @returns The same object, typed.
 * @throws {NopeaError} `MEMORY_CORRUPT` naming the first bad field.
 *
 * @example
 * ```ts
 * import { parseDeployRecord } from "./deploy_record.ts";
 * import { throws } from "node:assert/strict";
 * throws(() => parseDeployRecord({ service: "api" }), /"deployId"/);
 * ```
 */
export function parseDeployRecord(value: unknown, where = "from memory"): DeployRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(where, "record");
  const r = value as Record<string, unknown>;
  for (const f of ["deployId", "service", "namespace", "startedAt", "finishedAt"]) {
    if (typeof r[f] !== "string") fail(where, f);
  }
  if (!STRATEGIES.has(r["strategy"] as string)) fail(where, "strategy");
  if (!STATUSES.has(r["status"] as string)) fail(where, "status");
  if (typeof r["durationMs"] !== "number") fail(where, "durationMs");
  if (Number.isNaN(Date.parse(r["finishedAt"] as string))) fail(where, "finishedAt");
  if (typeof r["verified"] !== "boolean") fail(where, "verified");
  if (!Array.isArray(r["resources"])) fail(where, "resources");
  for (const f of ["strategyReasons", "images", "dependsOn", "warnings"]) {
    if (!isStrings(r[f])) fail(where, f);
  }
  const err = r["error"];
  if (err !== undefined) {
    const e = err as Record<string, unknown>;
    if (typeof err !== "object" || err === null || typeof e["code"] !== "string") {
      fail(where, "error.code");
    }
  }
  return value as DeployRecord;
}
