import { deepEqual, equal } from "node:assert/strict";
import type { KubeObject, ObjectMeta } from "../../src/manifests/mod.ts";
import { answerView, readinessOf } from "../../src/readiness/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployment, service } from "../_engine.ts";

const inDefault = (obj: KubeObject): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, namespace: "default", labels: { app: "web" } },
});

Deno.test("answerView() keeps what readiness reads of the sandbox's answers and drops the rest", async () => {
  await using deps = await testDeps();
  const sent = [configMap("web-config"), service("web"), deployment("web", "example/web:1")];
  for (const obj of sent.map(inDefault)) {
    const answer = await deps.cluster.apply(obj, { fieldManager: "nopea" });
    const view = answerView(answer);
    deepEqual(readinessOf(view), readinessOf(answer), obj.kind);
    equal(view.metadata.uid, answer.metadata.uid);
    equal(view.metadata.resourceVersion, answer.metadata.resourceVersion);
    equal(view.metadata.generation, answer.metadata.generation);
    deepEqual(view["spec"], answer["spec"]);
    deepEqual(view["status"], answer["status"]);
    equal(view.metadata.managedFields, undefined);
    equal(view.metadata.labels, undefined);
    equal(view["data"], undefined);
  }
});

Deno.test("answerView() gives every kind's rules the same verdict as the whole answer", () => {
  const meta: ObjectMeta = {
    name: "a",
    namespace: "prod",
    generation: 2,
    managedFields: [{
      manager: "x",
      operation: "Apply",
      apiVersion: "v1",
      fieldsType: "FieldsV1",
      fieldsV1: {},
    }],
  };
  const answers: KubeObject[] = [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta,
      spec: { replicas: 3 },
      status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta,
      spec: { replicas: 1, updateStrategy: { type: "OnDelete" } },
      status: { observedGeneration: 2, readyReplicas: 1 },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta,
      spec: { type: "LoadBalancer" },
      status: { loadBalancer: { ingress: [{ ip: "10.0.0.1" }] } },
    },
    { apiVersion: "batch/v1", kind: "Job", metadata: meta, status: { conditions: [] } },
    { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: meta, status: { phase: "Bound" } },
    {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: meta,
      status: { conditions: [{ type: "Ready", status: "False", reason: "Waiting" }] },
    },
  ];
  for (const answer of answers) {
    deepEqual(readinessOf(answerView(answer)), readinessOf(answer), answer.kind);
    equal(answerView(answer).metadata.managedFields, undefined);
  }
});
