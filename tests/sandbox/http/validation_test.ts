/**
 * Fidelity of writes (issue "reject what a real API server rejects"): built-in kinds checked
 * against their OpenAPI schemas, custom resources pruned, defaulted and checked against their
 * CRD, printer columns in tables — driven with kubectl and @kubernetes/client-node over HTTPS.
 */
import * as k8s from "@kubernetes/client-node";
import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { stringify } from "yaml";
import { startSandbox } from "../../../src/sandbox/mod.ts";
import { hasKubectl, kubectlIn } from "./_kubectl_run.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "x" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "x" } },
    template: {
      metadata: { labels: { app: "x" } },
      spec: { containers: [{ name: "a", image: "nginx" }] },
    },
  },
};

const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      additionalPrinterColumns: [
        { name: "Size", type: "integer", jsonPath: ".spec.size" },
        { name: "Color", type: "string", jsonPath: ".spec.color" },
      ],
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: {
              type: "object",
              required: ["size"],
              properties: {
                size: { type: "integer", minimum: 1 },
                color: { type: "string", default: "blue", enum: ["blue", "red"] },
                free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                port: { "x-kubernetes-int-or-string": true },
              },
            },
          },
        },
      },
    }],
  },
};

const widget = (spec: Record<string, unknown>) =>
  stringify({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec });

Deno.test({
  name: `kubectl gets kube-apiserver's 422 Invalid for wrong types and CRD schemas${SKIP}`,
  ignore: !KUBECTL,
  async fn(t) {
    const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
    const dir = await Deno.makeTempDir({ prefix: "nopea-validation-" });
    await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
    const kubectl = kubectlIn(dir);
    try {
      await t.step("a merge patch with a string replica count is refused", async () => {
        equal((await kubectl(["apply", "-f", "-"], stringify(DEPLOYMENT))).code, 0);
        const patch = JSON.stringify({ spec: { replicas: "three" } });
        const run = await kubectl(["patch", "deploy", "x", "--type", "merge", "-p", patch]);
        equal(run.code, 1);
        equal(
          run.stderr.trim(),
          'The Deployment "x" is invalid: spec.replicas: Invalid value: "three": ' +
            'spec.replicas in body must be of type integer: "string"',
        );
      });
      await t.step(
        "ConfigMap data values must be strings (apply and server-side apply)",
        async () => {
          const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 1}\n";
          for (const args of [["apply", "-f", "-"], ["apply", "--server-side", "-f", "-"]]) {
            const run = await kubectl(args, cm);
            equal(run.code, 1);
            match(run.stderr, /data\.a: Invalid value: 1: data\.a in body must be of type string/);
          }
        },
      );
      await t.step("a CRD and its custom resource in one file: no protobuf error", async () => {
        const both = `${stringify(WIDGET_CRD)}---\n${widget({ size: 2, junk: 1, free: { a: 1 } })}`;
        const first = await kubectl(["apply", "-f", "-"], both);
        ok(!first.stderr.includes("proto:"), first.stderr);
        // As against a real server, kubectl maps every object before creating any: a second run
        // creates the custom resource once the CRD is served.
        const second = await kubectl(["apply", "-f", "-"], both);
        equal(second.code, 0, second.stderr);
      });
      await t.step("unknown fields are pruned, defaults applied, columns printed", async () => {
        const got = JSON.parse((await kubectl(["get", "widget", "w", "-o", "json"])).stdout);
        deepEqual(got.spec, { size: 2, color: "blue", free: { a: 1 } });
        const table = await kubectl(["get", "widgets"]);
        match(table.stdout, /^NAME\s+SIZE\s+COLOR\n/);
        match(table.stdout, /\nw\s+2\s+blue\n/);
      });
      await t.step("custom resources breaking their schema get one cause per field", async () => {
        const run = await kubectl(
          ["apply", "-f", "-"],
          widget({ size: 0, color: "green", port: [1] }),
        );
        equal(run.code, 1);
        match(
          run.stderr,
          /spec\.color: Unsupported value: "green": supported values: "blue", "red"/,
        );
        match(
          run.stderr,
          /spec\.port: Invalid value: \[1\]: spec\.port in body must be of type integer or string: "array"/,
        );
        match(
          run.stderr,
          /spec\.size: Invalid value: 0: spec\.size in body should be greater than or equal to 1/,
        );
        const missing = await kubectl(
          ["apply", "-f", "-"],
          widget({ color: "red" }).replace("name: w", "name: w2"),
        );
        equal(missing.stderr.trim(), 'The Widget "w2" is invalid: spec.size: Required value');
      });
    } finally {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("@kubernetes/client-node gets a 422 with kube's StatusDetails causes", async () => {
  const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
  try {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(sandbox.kubeconfig());
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const body = { metadata: { name: "c" }, data: { a: 1, b: "ok" } } as unknown as k8s.V1ConfigMap;
    await rejects(core.createNamespacedConfigMap({ namespace: "default", body }), (e: unknown) => {
      const err = e as { code?: number; body?: string };
      const status = JSON.parse(err.body ?? "{}");
      equal(err.code, 422);
      equal(status.reason, "Invalid");
      equal(
        status.message,
        'ConfigMap "c" is invalid: data.a: Invalid value: 1: data.a in body must be of type string: "integer"',
      );
      deepEqual(status.details, {
        name: "c",
        kind: "ConfigMap",
        causes: [{
          reason: "FieldValueInvalid",
          message: 'Invalid value: 1: data.a in body must be of type string: "integer"',
          field: "data.a",
        }],
      });
      return true;
    });
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const created = await apps.createNamespacedDeployment({
      namespace: "default",
      body: DEPLOYMENT as k8s.V1Deployment,
    });
    equal(created.spec?.replicas, 1);
  } finally {
    await sandbox.close();
  }
});
