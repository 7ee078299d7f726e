import { deepEqual, equal, ok } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { configMap, deployment, metaOf, newCore, scope, statusOf } from "./_fixtures.ts";

Deno.test("SandboxCore starts with the system namespaces and a Ready node", () => {
  const { core } = newCore();
  const names = (core.list(scope("namespaces"))["items"] as JsonObject[]).map((n) =>
    metaOf(n)["name"]
  );
  deepEqual(names, ["default", "kube-node-lease", "kube-public", "kube-system"]);
  const node = core.get(scope("nodes", { name: "sandbox-node" }));
  const conditions = (node["status"] as { conditions: { type: string; status: string }[] })
    .conditions;
  equal(conditions.find((c) => c.type === "Ready")?.status, "True");
});

Deno.test("SandboxCore gives a new namespace phase Active and the kubernetes finalizer", () => {
  const { core } = newCore();
  const ns = core.create(scope("namespaces"), { metadata: { name: "team" } });
  deepEqual(ns["status"], { phase: "Active" });
  deepEqual(ns["spec"], { finalizers: ["kubernetes"] });
  equal((metaOf(ns)["labels"] as Record<string, string>)["kubernetes.io/metadata.name"], "team");
});

Deno.test("SandboxCore.delete() of a namespace deletes the objects in it", () => {
  const { core } = newCore();
  core.create(scope("namespaces"), { metadata: { name: "team" } });
  core.create(scope("configmaps", { namespace: "team" }), configMap("a"));
  core.create(scope("deployments", { namespace: "team" }), {
    ...deployment("d"),
    metadata: { name: "d", labels: { app: "d" } },
  });
  core.delete(scope("namespaces", { name: "team" }));
  equal(
    statusOf(() => core.get(scope("configmaps", { namespace: "team", name: "a" })))["code"],
    404,
  );
  equal(
    statusOf(() => core.get(scope("deployments", { namespace: "team", name: "d" })))["code"],
    404,
  );
  equal(statusOf(() => core.get(scope("namespaces", { name: "team" })))["code"], 404);
});

function owned(name: string, ownerUid: string): JsonObject {
  return {
    metadata: {
      name,
      ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: ownerUid }],
    },
  };
}

Deno.test("SandboxCore.delete() garbage-collects dependents by propagation policy", async (t) => {
  for (const policy of ["Background", "Foreground", undefined]) {
    await t.step(`${policy ?? "default"} deletes objects owned by the deleted uid`, () => {
      const { core } = newCore();
      const owner = core.create(scope("configmaps"), configMap("owner"));
      const uid = String(metaOf(owner)["uid"]);
      core.create(scope("configmaps"), owned("child", uid));
      core.create(scope("configmaps"), owned("grandchild", "other-uid"));
      core.delete(
        scope("configmaps", { name: "owner" }),
        policy ? { propagationPolicy: policy } : {},
      );
      equal(statusOf(() => core.get(scope("configmaps", { name: "child" })))["code"], 404);
      ok(core.get(scope("configmaps", { name: "grandchild" })));
    });
  }
  await t.step("Orphan keeps dependents and removes their owner reference", () => {
    const { core } = newCore();
    const owner = core.create(scope("configmaps"), configMap("owner"));
    core.create(scope("configmaps"), owned("child", String(metaOf(owner)["uid"])));
    core.delete(scope("configmaps", { name: "owner" }), { propagationPolicy: "Orphan" });
    const child = core.get(scope("configmaps", { name: "child" }));
    equal(metaOf(child)["ownerReferences"], undefined);
  });
});

Deno.test("SandboxCore.delete() of an object with finalizers waits until they are removed", () => {
  const { core, clock } = newCore();
  const cm = scope("configmaps", { name: "a" });
  core.create(scope("configmaps"), { metadata: { name: "a", finalizers: ["example.com/x"] } });
  clock.advance(2000);
  const marked = core.delete(cm);
  equal(metaOf(marked)["deletionTimestamp"], "2026-01-01T00:00:02Z");
  ok(core.get(cm));
  core.patch(cm, "merge", { metadata: { finalizers: null } });
  equal(statusOf(() => core.get(cm))["code"], 404);
});

Deno.test("SandboxCore defaults builtin kinds like kube-apiserver", async (t) => {
  const { core } = newCore();
  await t.step("Deployment", () => {
    const d = core.create(scope("deployments"), deployment("d"));
    const spec = d["spec"] as JsonObject;
    equal(spec["replicas"], 1);
    deepEqual(spec["strategy"], {
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
    });
    equal(spec["revisionHistoryLimit"], 10);
    equal(spec["progressDeadlineSeconds"], 600);
    const pod = (spec["template"] as JsonObject)["spec"] as JsonObject;
    equal(pod["restartPolicy"], "Always");
    equal(pod["dnsPolicy"], "ClusterFirst");
    equal(pod["schedulerName"], "default-scheduler");
    equal(pod["terminationGracePeriodSeconds"], 30);
    const container = (pod["containers"] as JsonObject[])[0] ?? {};
    equal(container["terminationMessagePath"], "/dev/termination-log");
    equal(container["terminationMessagePolicy"], "File");
    equal(container["imagePullPolicy"], "IfNotPresent");
  });
  await t.step("imagePullPolicy follows the image tag", () => {
    const table: [string, string][] = [
      ["nginx", "Always"],
      ["nginx:latest", "Always"],
      ["registry:5000/nginx", "Always"],
      ["nginx:1.25", "IfNotPresent"],
      ["nginx@sha256:abc", "IfNotPresent"],
    ];
    table.forEach(([image, policy], i) => {
      const d = deployment(`p${i}`);
      const tpl = (d["spec"] as JsonObject)["template"] as JsonObject;
      (tpl["spec"] as JsonObject)["containers"] = [{
        name: "app",
        image,
        ports: [{ containerPort: 80 }],
      }];
      const out = core.create(scope("deployments"), d);
      const c = ((out["spec"] as JsonObject)["template"] as JsonObject)["spec"] as JsonObject;
      const container = (c["containers"] as JsonObject[])[0] ?? {};
      equal(container["imagePullPolicy"], policy, image);
      deepEqual(container["ports"], [{ containerPort: 80, protocol: "TCP" }]);
    });
  });
  await t.step("Service", () => {
    const svc = core.create(scope("services"), {
      metadata: { name: "web" },
      spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    const spec = svc["spec"] as JsonObject;
    equal(spec["type"], "ClusterIP");
    equal(spec["sessionAffinity"], "None");
    ok(/^10\.96\.\d+\.\d+$/.test(String(spec["clusterIP"])));
    deepEqual(spec["clusterIPs"], [spec["clusterIP"]]);
    deepEqual(spec["ports"], [{ port: 80, protocol: "TCP", targetPort: 80 }]);
  });
  await t.step("Service cluster IPs are unique and kept across updates", () => {
    const a = core.create(scope("services"), {
      metadata: { name: "a" },
      spec: { ports: [{ port: 1 }] },
    });
    const b = core.create(scope("services"), {
      metadata: { name: "b" },
      spec: { ports: [{ port: 1 }] },
    });
    const ip = (o: JsonObject) => (o["spec"] as JsonObject)["clusterIP"];
    ok(ip(a) !== ip(b));
    const updated = core.replace(scope("services", { name: "a" }), {
      metadata: { name: "a" },
      spec: { ports: [{ port: 2 }] },
    });
    equal(ip(updated), ip(a));
  });
});
