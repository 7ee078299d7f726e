import { deepEqual, equal, ok, rejects, throws } from "node:assert/strict";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeCluster, type WatchHandle } from "../../src/kube/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { type ErrorCode, isNopeaError } from "../../src/shared/mod.ts";
import type { Sandbox } from "../../src/sandbox/mod.ts";
import { kubeClusterFor, sandboxKubeConfig, startTestSandbox } from "../_sandbox.ts";

function fails(code: ErrorCode, text = "") {
  return (e: unknown) => isNopeaError(e) && e.code === code && e.message.includes(text);
}

async function withSandbox(fn: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startTestSandbox();
  try {
    await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

async function withCluster(
  fn: (cluster: KubeCluster, sandbox: Sandbox) => Promise<void>,
  options: ConstructorParameters<typeof KubeCluster>[1] = {},
): Promise<void> {
  await withSandbox(async (sandbox) => {
    const cluster = kubeClusterFor(sandbox, options);
    try {
      await fn(cluster, sandbox);
    } finally {
      await cluster.close();
    }
  });
}

function configMap(name: string, namespace?: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    data: { a: "1" },
  };
}

const widgetCrd: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.nopea.test" },
  spec: {
    group: "nopea.test",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  },
};

Deno.test("new KubeCluster() refuses a plain http server", () => {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ name: "c", server: "http://127.0.0.1:8080", skipTLSVerify: false }, {
    name: "u",
  });
  throws(() => new KubeCluster(kc), fails("KUBECONFIG_INVALID", "plain http"));
});

Deno.test("KubeCluster.discover() finds a CRD's kind once the CRD is established", async () => {
  await withCluster(async (cluster, sandbox) => {
    equal(await cluster.discover("nopea.test/v1", "Widget"), undefined);
    await cluster.apply(widgetCrd);
    sandbox.tick();
    const widget = await cluster.discover("nopea.test/v1", "Widget");
    deepEqual({ plural: widget?.plural, namespaced: widget?.namespaced }, {
      plural: "widgets",
      namespaced: true,
    });
    const applied = await cluster.apply({
      apiVersion: "nopea.test/v1",
      kind: "Widget",
      metadata: { name: "w", namespace: "default" },
      spec: { size: 3 },
    });
    deepEqual(applied["spec"], { size: 3 });
  });
});

Deno.test("KubeCluster puts namespaced objects without a namespace into the context namespace", async () => {
  await withSandbox(async (sandbox) => {
    const kc = sandboxKubeConfig(sandbox, { namespace: "team" });
    const cluster = kubeClusterFor(sandbox, {}, kc);
    try {
      await cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
      const applied = await cluster.apply(configMap("cfg"));
      equal(applied.metadata.namespace, "team");
      ok(await cluster.get({ apiVersion: "v1", kind: "ConfigMap", name: "cfg" }));
      ok(
        await cluster.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "team", name: "cfg" }),
      );
    } finally {
      await cluster.close();
    }
  });
});

Deno.test("KubeCluster.list() follows continue pages and lists across namespaces", async () => {
  await withCluster(async (cluster, sandbox) => {
    await sandbox.cluster.apply({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "other" },
    });
    for (let i = 0; i < 501; i++) await sandbox.cluster.apply(configMap(`cm-${i}`, "default"));
    await sandbox.cluster.apply(configMap("elsewhere", "other"));
    const listed = await cluster.list("v1", "ConfigMap", { namespace: "default" });
    const names = new Set(listed.map((o) => o.metadata.name));
    equal([...names].filter((n) => n?.startsWith("cm-")).length, 501);
    equal(names.size, listed.length);
    const all = await cluster.list("v1", "ConfigMap", { fieldSelector: "metadata.name=elsewhere" });
    deepEqual(all.map((o) => o.metadata.namespace), ["other"]);
  });
});

Deno.test("KubeCluster.patch() patches the status subresource and applies JSON patches", async () => {
  await withCluster(async (cluster) => {
    const deployment: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "default" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "api" } },
        template: {
          metadata: { labels: { app: "api" } },
          spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
        },
      },
    };
    await cluster.apply(deployment);
    const key = { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "api" };
    const status = await cluster.patch(key, { status: { observedGeneration: 7 } }, {
      subresource: "status",
    });
    equal((status["status"] as { observedGeneration?: number }).observedGeneration, 7);
    const scaled = await cluster.patch(key, [{ op: "replace", path: "/spec/replicas", value: 3 }], {
      type: "json",
    });
    equal((scaled["spec"] as { replicas: number }).replicas, 3);
  });
});

Deno.test("KubeCluster.delete() keeps the object on dry run and is false for unserved kinds", async () => {
  await withCluster(async (cluster) => {
    await cluster.apply(configMap("keep", "default"));
    const key = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "keep" };
    equal(await cluster.delete(key, { dryRun: true, propagationPolicy: "Foreground" }), true);
    ok(await cluster.get(key));
    equal(await cluster.delete({ ...key, apiVersion: "nopea.test/v1", kind: "Widget" }), false);
  });
});

Deno.test("KubeCluster keeps serving requests while watches are open", async () => {
  await withCluster(async (cluster) => {
    const handles: WatchHandle[] = [];
    try {
      handles.push(await cluster.watch("v1", "ConfigMap", { namespace: "default" }, () => {}));
      handles.push(await cluster.watch("v1", "Namespace", {}, () => {}));
      ok(await cluster.get({ apiVersion: "v1", kind: "Namespace", name: "default" }));
    } finally {
      for (const handle of handles) handle.stop();
      await Promise.all(handles.map((h) => h.done));
    }
  }, { concurrency: 1 });
});

Deno.test("KubeCluster reports a rejected token as KUBE_UNAUTHORIZED without retrying", async () => {
  await withSandbox(async (sandbox) => {
    const slept: number[] = [];
    const kc = sandboxKubeConfig(sandbox, { token: "wrong" });
    const cluster = kubeClusterFor(
      sandbox,
      { sleep: (ms) => Promise.resolve(void slept.push(ms)) },
      kc,
    );
    try {
      await rejects(cluster.discover("v1", "ConfigMap"), fails("KUBE_UNAUTHORIZED"));
      deepEqual(slept, []);
    } finally {
      await cluster.close();
    }
  });
});

Deno.test("KubeCluster reports an untrusted certificate as KUBE_UNREACHABLE without retrying", async () => {
  await withSandbox(async (sandbox) => {
    const slept: number[] = [];
    const kc = sandboxKubeConfig(sandbox, { untrusted: true });
    const cluster = kubeClusterFor(
      sandbox,
      { sleep: (ms) => Promise.resolve(void slept.push(ms)) },
      kc,
    );
    try {
      await rejects(cluster.discover("v1", "ConfigMap"), (e) => {
        ok(fails("KUBE_UNREACHABLE", sandbox.url)(e), String(e));
        ok(isNopeaError(e) && /certificate-authority/.test(e.hint ?? ""), String(e));
        return true;
      });
      deepEqual(slept, []);
    } finally {
      await cluster.close();
    }
  });
});

Deno.test("KubeCluster rejects unnamed objects and unknown kinds", async (t) => {
  await withCluster(async (cluster) => {
    await t.step("apply() without a name is KUBE_INVALID", async () => {
      const unnamed = { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "x-" } };
      await rejects(cluster.apply(unnamed), fails("KUBE_INVALID", "metadata.name is empty"));
    });
    await t.step("list() of an unserved kind is KUBE_NOT_FOUND_KIND", async () => {
      await rejects(
        cluster.list("nopea.test/v1", "Widget", { namespace: "default" }),
        fails("KUBE_NOT_FOUND_KIND", 'Cannot list Widget in namespace "default"'),
      );
    });
    await t.step("watch() of an unserved kind is KUBE_NOT_FOUND_KIND", async () => {
      await rejects(cluster.watch("v1", "Widget", {}, () => {}), fails("KUBE_NOT_FOUND_KIND"));
    });
  });
});
