import { deepEqual, equal, match } from "node:assert/strict";
import {
  type RolloutOutcome,
  rolloutVerdict,
  type RolloutView,
} from "../../src/progressive/mod.ts";

const context = { service: "api", namespace: "prod", maxMs: 3_600_000 };

function view(phase: string, message = ""): RolloutView {
  return {
    name: "api",
    phase,
    step: 1,
    steps: 4,
    weight: 25,
    message,
    awaitingPromotion: false,
    promoteRequested: false,
  };
}

Deno.test("rolloutVerdict() maps how following stopped onto the deploy", async (t) => {
  const cases: {
    outcome: RolloutOutcome;
    status: string;
    readiness: string;
    code?: string;
    errorClass?: string;
    text: RegExp;
  }[] = [
    {
      outcome: { stop: "completed", view: view("Completed", "Rollout completed"), elapsedMs: 0 },
      status: "completed",
      readiness: "ready",
      text: /^Rollout completed$/,
    },
    {
      outcome: {
        stop: "failed",
        view: view("Failed", "Rollback triggered: metrics exceeded thresholds"),
        elapsedMs: 0,
      },
      status: "failed",
      readiness: "failed",
      code: "DEPLOY_FAILED",
      errorClass: "RolloutFailed",
      text:
        /Rollout "api" in namespace "prod" failed \(Failed at step 2 of 4 \(25% traffic\)\): Rollback triggered/,
    },
    {
      outcome: {
        stop: "failed",
        view: view("Failed", "Progress deadline exceeded: no progress made in 60 seconds"),
        elapsedMs: 0,
      },
      status: "failed",
      readiness: "failed",
      code: "DEPLOY_FAILED",
      errorClass: "ProgressDeadlineExceeded",
      text: /Progress deadline exceeded/,
    },
    {
      outcome: { stop: "awaiting_promotion", view: view("Preview"), elapsedMs: 0 },
      status: "progressing",
      readiness: "progressing",
      text: /nopea promote api/,
    },
    {
      outcome: { stop: "aborted", view: view("Progressing"), elapsedMs: 0 },
      status: "progressing",
      readiness: "progressing",
      text: /Stopped following/,
    },
    {
      outcome: { stop: "timeout", view: view("Progressing"), elapsedMs: 3_600_000 },
      status: "failed",
      readiness: "timeout",
      code: "DEPLOY_TIMEOUT",
      errorClass: "Timeout",
      text: /Timed out after 1h following Rollout "api"/,
    },
    {
      outcome: { stop: "missing", elapsedMs: 0 },
      status: "failed",
      readiness: "failed",
      code: "DEPLOY_FAILED",
      text: /disappeared/,
    },
  ];
  for (const c of cases) {
    await t.step(`${c.outcome.stop} ${c.errorClass ?? ""}`, () => {
      const v = rolloutVerdict(c.outcome, context);
      deepEqual([v.status, v.readiness, v.error?.code, v.error?.errorClass], [
        c.status,
        c.readiness,
        c.code,
        c.errorClass,
      ]);
      match(v.error?.message ?? v.warning ?? v.message, c.text);
      if (v.error) equal(typeof v.error.hint, "string");
    });
  }
});
