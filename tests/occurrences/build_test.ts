import { deepEqual, equal, match } from "node:assert/strict";
import { buildOccurrence, type OccurrenceMemoryContext } from "../../src/occurrences/mod.ts";
import { buildRecord, failedRecord } from "../memory/_factory.ts";

const ID = "01JQ7Z3K8V4T2N6P9R1S5W7X0Y";
const known: OccurrenceMemoryContext = {
  known: true,
  failurePatterns: [{ errorClass: "Timeout", confidence: 0.653, timesSeen: 3 }],
  recommendations: ["High failure rate (0.65) for Timeout — seen 3 times. Deploy with caution."],
};

Deno.test("buildOccurrence() maps each status to nopea's type, severity, outcome and blocks", async (t) => {
  const cases = [
    {
      status: "completed",
      type: "deploy.run.completed",
      severity: "info",
      outcome: "success",
      blocks: false,
    },
    {
      status: "failed",
      type: "deploy.run.failed",
      severity: "error",
      outcome: "failure",
      blocks: true,
    },
    {
      status: "rolledback",
      type: "deploy.run.rolledback",
      severity: "warning",
      outcome: "failure",
      blocks: true,
    },
    {
      status: "progressing",
      type: "deploy.run.progressing",
      severity: "info",
      outcome: "in_progress",
      blocks: false,
    },
  ] as const;
  for (const c of cases) {
    await t.step(c.status, () => {
      const occ = buildOccurrence(buildRecord({ status: c.status }), known, { id: ID });
      equal(occ.type, c.type);
      equal(occ.severity, c.severity);
      equal(occ.outcome, c.outcome);
      equal("error" in occ, c.blocks);
      equal("reasoning" in occ, c.blocks);
      equal(occ.protocol_version, "1.0");
      equal(occ.source, "nopea");
      match(occ.type, /^[a-z0-9]+\.[a-z0-9._]+$/);
    });
  }
});

Deno.test("buildOccurrence() writes the failed-deploy blocks of external-formats §3.4", () => {
  const record = failedRecord("Timeout", {
    strategy: "canary",
    service: "payment-svc",
    namespace: "production",
    durationMs: 30000,
    error: {
      code: "timeout",
      message: "connection refused to api-server",
      errorClass: "Timeout",
      hint: "raise --timeout",
    },
  });
  const occ = buildOccurrence(record, undefined, { id: ID });
  deepEqual(occ.error, {
    code: "timeout",
    message: "connection refused to api-server",
    what_failed: "deploy of payment-svc (canary)",
    why_it_matters: "payment-svc in production is not updated — service may be partially updated",
    suggested_fix: "raise --timeout",
  });
  deepEqual(occ.reasoning, {
    summary: "payment-svc failed — Timeout",
    explanation: "payment-svc deployment failed after 30000ms",
    confidence: 0.3,
    patterns_matched: [],
  });
  deepEqual(occ.history, {
    steps: [{
      timestamp: record.startedAt,
      action: "apply",
      description: "apply manifests",
      outcome: "failure",
      duration_ms: 30000,
      error: {
        code: "timeout",
        message: "connection refused to api-server",
        what_failed: "manifest application",
      },
    }],
    duration_ms: 30000,
  });
  equal(occ.timestamp, record.finishedAt);
  equal(occ.id, ID);
});

Deno.test("buildOccurrence() carries the memory context in the reasoning", () => {
  const occ = buildOccurrence(failedRecord("Timeout", { durationMs: 1200 }), known, { id: ID });
  equal(occ.reasoning?.confidence, 0.8);
  equal(
    occ.reasoning?.explanation,
    "api deployment failed after 1200ms. High failure rate (0.65) for Timeout — seen 3 times. Deploy with caution.",
  );
  deepEqual(occ.reasoning?.patterns_matched, [{
    pattern_name: "Timeout",
    confidence: 0.653,
    times_seen: 3,
  }]);
  equal(
    buildOccurrence(buildRecord({ status: "failed" }), undefined, { id: ID }).reasoning?.summary,
    "api failed — cause unknown",
  );
});

Deno.test("buildOccurrence() writes history steps per outcome", async (t) => {
  const actions = (
    status: "completed" | "failed" | "rolledback" | "progressing",
    verified = true,
  ) =>
    buildOccurrence(buildRecord({ status, verified }), undefined, { id: ID }).history?.steps.map((
      s,
    ) => `${s.action}:${s.outcome}`);
  await t.step(
    "completed and verified",
    () => deepEqual(actions("completed"), ["apply:success", "verify:success"]),
  );
  await t.step(
    "completed, not verified",
    () => deepEqual(actions("completed", false), ["apply:success"]),
  );
  await t.step("failed", () => deepEqual(actions("failed"), ["apply:failure"]));
  await t.step(
    "rolled back",
    () => deepEqual(actions("rolledback"), ["apply:failure", "rollback:success"]),
  );
  await t.step(
    "progressing",
    () => deepEqual(actions("progressing"), ["apply:success", "rollout:in_progress"]),
  );
  await t.step("why it matters after a rollback", () => {
    const occ = buildOccurrence(buildRecord({ status: "rolledback" }), undefined, { id: ID });
    equal(
      occ.error?.why_it_matters,
      "api in prod is not updated — rolled back to previous version",
    );
    equal(occ.error?.code, "unknown");
  });
});

Deno.test("buildOccurrence() lists applied resources as entities and carries the record in data", () => {
  const record = buildRecord({
    resources: [
      {
        key: "Deployment.apps/prod/api",
        kind: "Deployment",
        name: "api",
        namespace: "prod",
        action: "configured",
        uid: "u1",
        resourceVersion: "9",
      },
      { key: "Namespace/prod", kind: "Namespace", name: "prod", action: "unchanged" },
      {
        key: "ConfigMap/prod/x",
        kind: "ConfigMap",
        name: "x",
        namespace: "prod",
        action: "failed",
        error: "bad",
      },
      { key: "Broken", kind: "", name: "", action: "created" },
    ],
    strategyReasons: ["because"],
  });
  const occ = buildOccurrence(record, undefined, { id: ID });
  deepEqual(occ.context.entities, [
    {
      type: "Deployment",
      id: "u1",
      name: "api",
      namespace: "prod",
      version: "9",
      observed_at: record.finishedAt,
      source_of_truth: "k8s-api",
    },
    {
      type: "Namespace",
      id: "unknown",
      name: "prod",
      namespace: "",
      version: "0",
      observed_at: record.finishedAt,
      source_of_truth: "k8s-api",
    },
  ]);
  deepEqual(occ.context.correlation_keys, [
    { type: "deployment", value: "api" },
    { type: "namespace", value: "prod" },
    { type: "deploy_id", value: record.deployId },
  ]);
  deepEqual(occ.data, {
    service: "api",
    namespace: "prod",
    strategy: "direct",
    strategy_reasons: ["because"],
    manifests_applied: 3,
    verified: true,
    deploy_id: record.deployId,
    record,
  });
});
