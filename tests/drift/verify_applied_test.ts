import { deepEqual, equal } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { verifyApplied } from "../../src/drift/mod.ts";
import { deployment, type DeploymentOptions, liveDeployment, secret } from "./_objects.ts";

const API = "Deployment.apps/prod/api";
const CPU = '.spec.template.spec.containers[name="app"].resources.limits.cpu';
const MEMORY = '.spec.template.spec.containers[name="app"].resources.limits.memory';

Deno.test("verifyApplied() accepts what the server stored, defaults and status aside", () => {
  deepEqual(verifyApplied([deployment()], [liveDeployment()]), []);
});

Deno.test("verifyApplied() reports fields the manifest set that the server changed", async (t) => {
  await t.step("a webhook pinned the image and injected a sidecar", () => {
    const stored = liveDeployment({ image: "api@sha256:0123", sidecarImage: "istio/proxyv2:1.24" });
    deepEqual(verifyApplied([deployment()], [stored]), [{
      resource: API,
      path: '.spec.template.spec.containers[name="app"].image',
      sent: "api:1",
      stored: "api@sha256:0123",
    }]);
  });
  await t.step("the server dropped a label the manifest set", () => {
    const sent = deployment();
    sent.metadata.labels = { app: "api", team: "payments" };
    deepEqual(verifyApplied([sent], [liveDeployment()]), [{
      resource: API,
      path: ".metadata.labels.team",
      sent: "payments",
      stored: undefined,
    }]);
  });
});

Deno.test("verifyApplied() compares quantities by amount", async (t) => {
  const cases: {
    name: string;
    sent: DeploymentOptions;
    stored: DeploymentOptions;
    paths: string[];
  }[] = [
    { name: 'cpu "1000m" is "1"', sent: { cpu: "1000m" }, stored: { cpu: "1" }, paths: [] },
    { name: 'cpu 2 is "2"', sent: { cpu: 2 }, stored: { cpu: "2" }, paths: [] },
    { name: 'cpu "0.1" is "100m"', sent: { cpu: "0.1" }, stored: { cpu: "100m" }, paths: [] },
    {
      name: 'memory "1Gi" is "1024Mi"',
      sent: { memory: "1Gi" },
      stored: { memory: "1024Mi" },
      paths: [],
    },
    { name: 'memory "1e3" is "1k"', sent: { memory: "1e3" }, stored: { memory: "1k" }, paths: [] },
    {
      name: 'memory "1G" is not "1Gi"',
      sent: { memory: "1G" },
      stored: { memory: "1Gi" },
      paths: [MEMORY],
    },
    { name: 'cpu "1m" is not "1M"', sent: { cpu: "1m" }, stored: { cpu: "1M" }, paths: [CPU] },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const drift = verifyApplied([deployment(c.sent)], [liveDeployment(c.stored)]);
      deepEqual(drift.map((d) => d.path), c.paths);
    });
  }
});

Deno.test("verifyApplied() treats zero values and absence alike", () => {
  const sent = deployment();
  Object.assign((sent.spec as { template: { spec: object } }).template.spec, {
    hostNetwork: false,
    nodeSelector: {},
  });
  deepEqual(verifyApplied([sent], [liveDeployment()]), []);
});

Deno.test("verifyApplied() checks Secrets without revealing their values", async (t) => {
  await t.step("stringData sent is compared to the data stored", () => {
    deepEqual(
      verifyApplied([secret({ token: "tok-first-7Q" }, true)], [secret({ token: "tok-first-7Q" })]),
      [],
    );
  });
  await t.step("a changed value is reported masked", () => {
    const drift = verifyApplied([secret({ token: "tok-first-7Q" })], [
      secret({ token: "tok-second-9Z" }),
    ]);
    deepEqual(drift.map((d) => d.path), [".data.token"]);
    const text = JSON.stringify(drift);
    for (const raw of ["tok-first-7Q", "tok-second-9Z"]) {
      equal(text.includes(raw) || text.includes(btoa(raw)), false, `${raw} leaked`);
    }
  });
});

Deno.test("verifyApplied() matches sent and stored objects by key", async (t) => {
  const configMap = (name: string, namespace?: string): KubeObject => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    data: { a: "1" },
  });
  await t.step("a sent object the server does not hold reports every field it set", () => {
    const drift = verifyApplied([configMap("b", "prod"), configMap("a", "prod")], [
      configMap("a", "prod"),
    ]);
    deepEqual(drift.map((d) => [d.resource, d.path, d.stored]), [
      ["ConfigMap/prod/b", ".apiVersion", undefined],
      ["ConfigMap/prod/b", ".data.a", undefined],
      ["ConfigMap/prod/b", ".kind", undefined],
      ["ConfigMap/prod/b", ".metadata.name", undefined],
      ["ConfigMap/prod/b", ".metadata.namespace", undefined],
    ]);
  });
  await t.step("a sent object without namespace matches the stored one", () => {
    deepEqual(verifyApplied([configMap("a")], [configMap("a", "default")]), []);
  });
});
