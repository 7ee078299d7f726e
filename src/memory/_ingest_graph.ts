/** Learning: how one deploy record moves the graph (DESIGN §4.2, external-formats §2.5). */
import {
  type GraphNode,
  type MemoryGraph,
  type Relation,
  type Seen,
  upsertNode,
  upsertRelationship,
  weakenRelationships,
} from "./graph/mod.ts";
import { classifyError } from "./classify.ts";
import { type DeployRecord, type DeployStatus, isServiceFailure } from "../deploys/mod.ts";
import type { MemoryState } from "./state.ts";
import type { LearnedFields } from "./_learned_fields.ts";
import { isoMs } from "./_iso_ms.ts";

/** Observation value of a deploy by status. */
export const STATUS_CONFIDENCE: Readonly<Record<DeployStatus, number>> = {
  completed: 0.9,
  failed: 0.8,
  rolledback: 0.7,
  progressing: 0.5,
  refused: 0.5,
};

/** Reinforcement of `failed_with` by a failed deploy. */
export const FAILURE_CONFIDENCE = 0.8;
/** What a completed deploy multiplies its service's `failed_with` weights by. */
export const SUCCESS_WEAKENING = 0.5;
const WINDOWS_KEPT = 16;

/** The error class of a record's error (the recorded one, else classified). */
export function errorClassOfRecord(record: Pick<DeployRecord, "error">): string | undefined {
  const e = record.error;
  if (!e) return undefined;
  return e.errorClass ?? classifyError({ code: e.code, message: e.message });
}

function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * Applies one deploy record to the graph at the log time `seen.time`. A replay that knows an
 * image's node would be pruned before anything reads it passes the image in `unseenImages`.
 */
export function learn(
  state: MemoryState,
  r: LearnedFields,
  seen: Seen,
  unseenImages?: readonly string[],
): void {
  const g: MemoryGraph = state.graph;
  const conf = STATUS_CONFIDENCE[r.status];
  const svc = upsertNode(g, "service", r.service, conf, seen);
  const link = (relation: Relation, target: GraphNode, c: number, evidence: string) =>
    upsertRelationship(g, { source: svc, relation, target }, c, seen, evidence);
  link(
    "deployed_to",
    upsertNode(g, "namespace", r.namespace, 0.5, seen),
    conf,
    `deploy ${r.status} at ${r.finishedAt}`,
  );
  link(
    "used_strategy",
    upsertNode(g, "strategy", r.strategy, 0.5, seen),
    conf,
    `deploy ${r.deployId} ${r.status}`,
  );
  for (const image of r.images) {
    if (unseenImages?.includes(image)) continue;
    link(
      "runs_image",
      upsertNode(g, "image", image, 0.5, seen),
      conf,
      `deploy ${r.deployId} ${r.status}`,
    );
  }
  for (const res of r.resources) {
    if (res.action === "deleted") continue;
    link(
      "deployed_together",
      upsertNode(g, "resource", res.key, 0.5, seen),
      conf,
      `${res.action} by deploy ${r.deployId}`,
    );
  }
  for (const dep of r.dependsOn) {
    if (dep === r.service) continue;
    link(
      "depends_on",
      upsertNode(g, "service", dep, 0.5, seen),
      conf,
      `manifests of deploy ${r.deployId} reference "${dep}"`,
    );
  }
  const cls = errorClassOfRecord(r);
  // An interruption, a refusal or an infrastructure fault says nothing about the service, so
  // it teaches no failure pattern.
  if (r.status === "failed" && isServiceFailure(r) && r.error && cls && cls !== "Interrupted") {
    const on = r.error.resource ? ` on ${r.error.resource}` : "";
    link(
      "failed_with",
      upsertNode(g, "error", cls, FAILURE_CONFIDENCE, seen),
      FAILURE_CONFIDENCE,
      `deploy ${r.deployId} failed at ${r.finishedAt}${on}: ${clip(r.error.message)}`,
    );
  }
  // A heal re-applies the last deploy: it is no evidence about a new version.
  if (r.status === "completed" && r.operation !== "heal") {
    weakenRelationships(g, svc.id, "failed_with", SUCCESS_WEAKENING, seen.time);
  }
  const start = isoMs(r.startedAt);
  const end = isoMs(r.finishedAt);
  let concurrent: Set<string> | undefined;
  for (const w of state.windows) {
    if (w.service !== r.service && w.start <= end && start <= w.end) {
      (concurrent ??= new Set()).add(w.service);
    }
  }
  for (const other of concurrent ?? []) {
    link(
      "deployed_together",
      upsertNode(g, "service", other, 0.5, seen),
      0.5,
      `concurrent deploy at ${r.startedAt}`,
    );
  }
  state.windows.push({ service: r.service, start, end });
  if (state.windows.length > WINDOWS_KEPT) state.windows.shift();
}
