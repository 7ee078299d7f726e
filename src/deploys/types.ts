/** The one set of deploy types: what every folder and door says about a deploy. */
import type { ResourceKey } from "../manifests/mod.ts";
import type { PodProblem } from "../readiness/mod.ts";

/** How a deploy rolls out: apply and wait, or a KULTA Rollout (canary, blue-green). */
export type Strategy = "direct" | "canary" | "blue_green";

/** Every strategy, in display order. */
export const STRATEGIES: readonly Strategy[] = ["direct", "canary", "blue_green"];

/**
 * How a deploy ended: `completed`; `failed`; `rolledback` (a rollback that went through, or a
 * failed deploy that was rolled back, which then carries its error); `progressing` while a
 * KULTA Rollout is under way; `refused` when the cluster refused it before anything changed (a
 * field-manager conflict, an invalid object, a permission, the deploy lock of another deploy).
 */
export type DeployStatus = "completed" | "failed" | "rolledback" | "progressing" | "refused";

/** Every deploy status, in display order. */
export const DEPLOY_STATUSES: readonly DeployStatus[] = [
  "completed",
  "failed",
  "rolledback",
  "progressing",
  "refused",
];

/** What started a deploy: a poll of a git source, a push webhook, or a person (`nopea watch`). */
export type DeployTrigger = "poll" | "webhook" | "manual";

/** Every deploy trigger. */
export const DEPLOY_TRIGGERS: readonly DeployTrigger[] = ["poll", "webhook", "manual"];

/** The git revision a deploy came from (deploys of `nopea watch`). */
export interface SourceRevision {
  /** The source's name (the service, or the GitRepository's name). */
  name: string;
  /** The repository URL or local path (never with credentials). */
  repo: string;
  /** The branch followed. */
  branch: string;
  /** The commit SHA deployed. */
  commit: string;
  /** The commit deployed before it from this source, if any. */
  previous?: string;
}

/** Which operation a record is of: a deploy, a rollback, a promotion, a heal, or a delete. */
export type DeployOperation = "deploy" | "rollback" | "promote" | "heal" | "delete";

/**
 * What a deploy did to one object: `skipped` when an earlier step failed and it was not
 * applied, `deleted` when the deploy removed it.
 */
export type ResourceAction =
  | "created"
  | "configured"
  | "unchanged"
  | "failed"
  | "skipped"
  | "deleted";

/** Every resource action. */
export const RESOURCE_ACTIONS: readonly ResourceAction[] = [
  "created",
  "configured",
  "unchanged",
  "failed",
  "skipped",
  "deleted",
];

/** Readiness of one object at the end of a deploy. */
export type ResourceReadiness = "ready" | "progressing" | "failed" | "timeout";

/** Why a deploy (or one of its objects) failed. */
export interface DeployError {
  /** A NopeaError code (or another tool's code, in imported records). */
  code: string;
  /** What went wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Structured data (the resources not ready, the conflicting managers, …). */
  details?: Readonly<Record<string, unknown>>;
  /** `formatKey()` of the object concerned. */
  resource?: string;
  /** The normalized error class (see `classifyError`); filled in by memory when absent. */
  errorClass?: string;
}

/** One object of a deploy (its apiVersion, kind, namespace and name) and what happened to it. */
export interface ResourceOutcome extends ResourceKey {
  /** `formatKey()` of the object (`Deployment.apps/prod/api`). */
  key: string;
  /** What the deploy did to it. */
  action: ResourceAction;
  /** The uid the cluster gave it. */
  uid?: string;
  /** Its resourceVersion after the deploy. */
  resourceVersion?: string;
  /** Readiness at the end; absent when not waited for. */
  readiness?: ResourceReadiness;
  /** The last readiness message, or why the object was skipped. */
  message?: string;
  /** Pod problems seen while waiting for readiness. */
  problems?: PodProblem[];
  /** Why applying the object failed. */
  error?: DeployError;
}

/** A field the server stored differently from what Nopea sent (Secret values masked). */
export interface DriftEntry {
  /** `formatKey()` of the object. */
  resource: string;
  /** Server-side apply path of the field (`.spec.replicas`). */
  path: string;
  /** The value Nopea sent. */
  sent: unknown;
  /** The value the server stored; `undefined` when it dropped the field. */
  stored: unknown;
}
