/**
 * Sandbox conformance through @kubernetes/client-node (issue "sandbox fidelity", items 5–7):
 * self reviews, the refusal of logs, events (and their expiry) and adoption by the controllers,
 * and KULTA at start. The protobuf envelope is in `protobuf_test.ts`.
 */
import * as k8s from "@kubernetes/client-node";
import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { fixedClock } from "../../../src/shared/mod.ts";
import type { Sandbox, SandboxOptions } from "../../../src/sandbox/mod.ts";
import { sandboxKubeConfig, startTestSandbox } from "../../_sandbox.ts";

const EVENT_HOUR = 60 * 60 * 1000;

const DEPLOYMENT: k8s.V1Deployment = {
  metadata: { name: "web" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx:1" }] },
    },
  },
};

async function withSandbox(options: SandboxOptions, fn: (s: Sandbox) => Promise<void>) {
  const sandbox = await startTestSandbox(options);
  try {
    await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

Deno.test("client-node: self reviews answer, pod logs are refused with the reason", () =>
  withSandbox({}, async (sandbox) => {
    const kc = sandboxKubeConfig(sandbox);
    const access = await kc.makeApiClient(k8s.AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: "delete", resource: "nodes" } } },
    });
    equal(access.status?.allowed, true);
    const self = await kc.makeApiClient(k8s.AuthenticationV1Api).createSelfSubjectReview({
      body: {},
    });
    equal(self.status?.userInfo?.username, "nopea-sandbox");
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const pod = { metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    await core.createNamespacedPod({ namespace: "default", body: pod });
    await rejects(core.readNamespacedPodLog({ name: "p", namespace: "default" }), (e: unknown) => {
      const err = e as { code?: number; body?: string };
      equal(err.code, 400);
      match(JSON.parse(err.body ?? "{}").message, /the Nopea sandbox runs no containers/);
      return true;
    });
  }));

Deno.test("client-node: scaling events, then an orphaned ReplicaSet is adopted", () =>
  withSandbox({ controllers: { readyDelayMs: 0 } }, async (sandbox) => {
    const kc = sandboxKubeConfig(sandbox);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: "default", body: DEPLOYMENT });
    sandbox.tick();
    const events = await kc.makeApiClient(k8s.CoreV1Api).listNamespacedEvent({
      namespace: "default",
    });
    const scaling = events.items.find((e) => e.reason === "ScalingReplicaSet");
    equal(scaling?.type, "Normal");
    equal(scaling?.involvedObject.kind, "Deployment");
    match(scaling?.message ?? "", /^Scaled up replica set web-\w+ from 0 to 2$/);
    ok(events.items.some((e) => e.reason === "SuccessfulCreate" && e.source?.component));
    await apps.deleteNamespacedDeployment({
      name: "web",
      namespace: "default",
      propagationPolicy: "Orphan",
    });
    sandbox.tick();
    const orphan = (await apps.listNamespacedReplicaSet({ namespace: "default" })).items[0]!;
    equal(orphan.metadata?.ownerReferences?.length ?? 0, 0);
    await apps.createNamespacedDeployment({ namespace: "default", body: DEPLOYMENT });
    sandbox.tick();
    const sets = (await apps.listNamespacedReplicaSet({ namespace: "default" })).items;
    deepEqual(sets.map((rs) => rs.metadata?.name), [orphan.metadata?.name]);
    equal(sets[0]!.metadata?.ownerReferences?.[0]?.name, "web");
  }));

Deno.test("client-node: events are deleted an hour after they last happened", async () => {
  const clock = fixedClock();
  await withSandbox({ clock, controllers: { readyDelayMs: 0 } }, async (sandbox) => {
    const kc = sandboxKubeConfig(sandbox);
    await kc.makeApiClient(k8s.AppsV1Api).createNamespacedDeployment({
      namespace: "default",
      body: DEPLOYMENT,
    });
    sandbox.tick();
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const reasons = async () =>
      (await core.listNamespacedEvent({ namespace: "default" })).items.map((e) => e.reason);
    ok((await reasons()).includes("ScalingReplicaSet"));
    clock.advance(EVENT_HOUR - 1);
    sandbox.tick();
    ok((await reasons()).includes("ScalingReplicaSet"));
    clock.advance(1);
    sandbox.tick();
    deepEqual(await reasons(), []);
  });
});

Deno.test("startSandbox({ withKulta }) serves KULTA's Rollout API from the start", () =>
  withSandbox({ withKulta: true }, async (sandbox) => {
    const kc = sandboxKubeConfig(sandbox);
    const crd = await kc.makeApiClient(k8s.ApiextensionsV1Api).readCustomResourceDefinition({
      name: "rollouts.kulta.io",
    });
    equal(crd.spec.names.kind, "Rollout");
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const list = await custom.listNamespacedCustomObject({
      group: "kulta.io",
      version: "v1alpha1",
      namespace: "default",
      plural: "rollouts",
    });
    deepEqual(list.items, []);
  }));
