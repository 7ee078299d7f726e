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
      outcome: "success",
      blocks: false,
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
    resources: [{
      key: "Deployment.apps/production/payment-svc",
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: "production",
      name: "payment-svc",
      action: "failed",
    }],
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
  await t.step(
    "failed after applying: the wait failed, not the apply",
    () => deepEqual(actions("failed"), ["apply:success", "wait:failure"]),
  );
  await t.step("failed while applying", () => {
    const resources = buildRecord().resources.map((r) => ({ ...r, action: "failed" as const }));
    const occ = buildOccurrence(buildRecord({ status: "failed", resources }), undefined, {
      id: ID,
    });
    deepEqual(occ.history?.steps.map((s) => `${s.action}:${s.outcome}`), ["apply:failure"]);
    equal(occ.history?.steps[0]?.error?.what_failed, "manifest application");
  });
  await t.step("a failed readiness wait names the resource", () => {
    const error = { code: "DEPLOY_FAILED", message: "x", resource: "Deployment.apps/prod/api" };
    const occ = buildOccurrence(buildRecord({ status: "failed", error }), undefined, { id: ID });
    equal(occ.history?.steps[1]?.error?.what_failed, "readiness of Deployment.apps/prod/api");
  });
  await t.step(
    "a rollback that went through is a success",
    () => deepEqual(actions("rolledback"), ["apply:success", "verify:success", "rollback:success"]),
  );
  await t.step("a rollback names the deploy it went back to, also as a correlation key", () => {
    const occ = buildOccurrence(
      buildRecord({ status: "rolledback", rollbackOf: "01JGOOD0000000000000000000" }),
      undefined,
      { id: ID },
    );
    equal(occ.outcome, "success");
    equal(
      occ.history?.steps.at(-1)?.description,
      "rolled back to deploy 01JGOOD0000000000000000000",
    );
    deepEqual(occ.context.correlation_keys?.at(-1), {
      type: "rollback_of",
      value: "01JGOOD0000000000000000000",
    });
  });
  await t.step(
    "progressing",
    () => deepEqual(actions("progressing"), ["apply:success", "rollout:in_progress"]),
  );
  await t.step("why it matters after a rollback", () => {
    const error = { code: "DEPLOY_TIMEOUT", message: "timed out" };
    const occ = buildOccurrence(buildRecord({ status: "rolledback", error }), undefined, {
      id: ID,
    });
    equal(occ.outcome, "failure");
    equal(
      occ.error?.why_it_matters,
      "api in prod is not updated — rolled back to previous version",
    );
    equal(occ.error?.code, "DEPLOY_TIMEOUT");
  });
});

Deno.test("buildOccurrence() lists applied resources as entities and carries the record in data", () => {
  const record = buildRecord({
    resources: [
      {
        key: "Deployment.apps/prod/api",
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "api",
        namespace: "prod",
        action: "configured",
        uid: "u1",
        resourceVersion: "9",
      },
      {
        key: "Namespace/prod",
        apiVersion: "v1",
        kind: "Namespace",
        name: "prod",
        action: "unchanged",
      },
      {
        key: "ConfigMap/prod/x",
        apiVersion: "v1",
        kind: "ConfigMap",
        name: "x",
        namespace: "prod",
        action: "failed",
        error: { code: "DEPLOY_FAILED", message: "bad" },
      },
      { key: "Broken", apiVersion: "", kind: "", name: "", action: "created" },
      {
        key: "Service/prod/api",
        apiVersion: "v1",
        kind: "Service",
        name: "api",
        namespace: "prod",
        action: "skipped",
        message: "not applied: an earlier step failed",
      },
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
