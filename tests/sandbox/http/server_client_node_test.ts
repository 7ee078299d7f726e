/** @kubernetes/client-node end to end against the HTTPS door in front of the real SandboxCore. */
import * as k8s from "@kubernetes/client-node";
import { deepEqual, equal, rejects } from "node:assert/strict";
import { systemClock } from "../../../src/shared/mod.ts";
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import { startHarness } from "./_harness.ts";

const configMap = (
  data: Record<string, string>,
): k8s.KubernetesObject & { data: Record<string, string> } => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "default" },
  data,
});

Deno.test("@kubernetes/client-node trusts the kubeconfig's CA and speaks server-side apply", async (t) => {
  await using h = await startHarness({ api: new SandboxCore({ clock: systemClock }) });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(h.server.kubeconfig());
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apply = (obj: k8s.KubernetesObject, manager: string, force = false) =>
    objects.patch(obj, undefined, undefined, manager, force, k8s.PatchStrategy.ServerSideApply);

  await t.step("apply creates, then get and list see it", async () => {
    const created = await apply(configMap({ a: "1" }), "nopea");
    equal(created.metadata?.managedFields?.[0]?.manager, "nopea");
    const read = await core.readNamespacedConfigMap({ name: "settings", namespace: "default" });
    deepEqual(read.data, { a: "1" });
    const list = await core.listNamespacedConfigMap({ namespace: "default" });
    equal(list.items.filter((i) => i.metadata?.name === "settings").length, 1);
  });
  await t.step("a conflicting apply is a 409 with one cause per field", async () => {
    await rejects(apply(configMap({ a: "2" }), "intruder"), (e: unknown) => {
      const err = e as { code?: number; body?: string };
      const status = JSON.parse(err.body ?? "{}");
      equal(err.code, 409);
      deepEqual(status.details.causes.map((c: { field: string }) => c.field), [".data.a"]);
      return true;
    });
    const forced = await apply(configMap({ a: "2" }), "intruder", true);
    deepEqual((forced as k8s.V1ConfigMap).data, { a: "2" });
  });
  await t.step("watch delivers changes", async () => {
    const events: string[] = [];
    const seen = Promise.withResolvers<void>();
    const watch = new k8s.Watch(kc);
    const list = await core.listNamespacedConfigMap({ namespace: "default" });
    const request = await watch.watch(
      "/api/v1/namespaces/default/configmaps",
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj) => {
        events.push(`${type} ${obj.metadata.name}`);
        if (type === "DELETED") seen.resolve();
      },
      () => {},
    );
    await core.deleteNamespacedConfigMap({ name: "settings", namespace: "default" });
    await seen.promise;
    request.abort();
    deepEqual(events, ["DELETED settings"]);
  });
});
