/** DeployRecord (what memory keeps of a deploy) and DeployResult (the record plus a live call's extras). */
import type {
  DeployError,
  DeployOperation,
  DeployStatus,
  DeployTrigger,
  DriftEntry,
  ResourceOutcome,
  SourceRevision,
  Strategy,
} from "./types.ts";

/** What Nopea knows about one deploy, rollback or promotion once it has ended (or paused). */
export interface DeployRecord {
  /** The deploy's ULID. */
  deployId: string;
  /** The service deployed. */
  service: string;
  /** The namespace deployed to (the default for namespaced objects that name none). */
  namespace: string;
  /** The strategy used. */
  strategy: Strategy;
  /** Why that strategy was chosen, in sentences. */
  strategyReasons: string[];
  /** How it ended. */
  status: DeployStatus;
  /** When it started (ISO 8601). */
  startedAt: string;
  /** When it ended, or paused for promotion (ISO 8601). */
  finishedAt: string;
  /** How long it took. */
  durationMs: number;
  /** What happened to each object, in apply order. */
  resources: ResourceOutcome[];
  /** Whether the applied objects were read back and checked for drift. */
  verified: boolean;
  /** How many fields the server stored differently from what Nopea sent. */
  driftCount: number;
  /** Why it failed. */
  error?: DeployError;
  /** Container images deployed. */
  images: string[];
  /** Other services this deploy's manifests reference. */
  dependsOn: string[];
  /** Content hash of the applied manifest set memory keeps (for rollback and drift). */
  manifestsHash?: string;
  /** The deploy whose manifests (or template) a rollback re-applied. */
  rollbackOf?: string;
  /**
   * `false` when objects an earlier deploy applied and these manifests no longer hold were not
   * pruned (`--prune false`, or a canary/blue-green rollout): they may still be live.
   */
  prune?: false;
  /** The operation that made this record. @default "deploy" (records written before 0.2) */
  operation?: DeployOperation;
  /** Things to know that did not change the outcome. */
  warnings: string[];
  /** What started it (`nopea watch`): a poll, a push webhook, or a person. */
  trigger?: DeployTrigger;
  /** The git revision it deployed (`nopea watch`). */
  source?: SourceRevision;
}

/** The result of a deploy call: its record, plus what only a live call has. */
export interface DeployResult extends DeployRecord {
  /** Whether this was a server-side dry run (nothing persisted, nothing recorded). */
  dryRun: boolean;
  /** The fields the server stored differently from what Nopea sent. */
  drift: DriftEntry[];
  /** The rollback an atomic deploy ran by itself after failing (recorded on its own). */
  rollback?: DeployResult;
}

/**
 * The record of a result: the result without what only a live call has.
 *
 * @example
 * ```ts
 * import { recordOf } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const record = recordOf({
 *   deployId: "01J0000000000000000000000A", service: "api", namespace: "prod",
 *   strategy: "direct", strategyReasons: [], status: "completed",
 *   startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z",
 *   durationMs: 1000, resources: [], verified: true, driftCount: 0, images: [],
 *   dependsOn: [], warnings: [], dryRun: false, drift: [],
 * });
 * equal("drift" in record, false);
 * ```
 */
export function recordOf(result: DeployResult): DeployRecord {
  const { dryRun: _dryRun, drift: _drift, rollback: _rollback, ...record } = result;
  return record;
}
