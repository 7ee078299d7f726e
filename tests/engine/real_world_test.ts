import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { loadManifestFiles } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { engineHarness, namespace } from "../_engine.ts";

const FIXTURES = new URL("../fixtures/real-world/", import.meta.url).pathname;

Deno.test("deploy() of Online Boutique reports every object ready", async () => {
  await using t = await engineHarness();
  const loaded = await loadManifestFiles([`${FIXTURES}online-boutique.yaml`]);
  equal(loaded.objects.length, 35);
  const result = await t.engine.deploy({
    service: "boutique",
    namespace: "boutique",
    manifests: [namespace("boutique"), ...loaded.objects.map((o) => o.object)],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  equal(result.resources.length, 36);
  ok(result.resources.every((r) => r.action === "created" && r.readiness === "ready"));
  equal(result.verified, true);
});

Deno.test("deploy() of all of kube-prometheus applies CRDs before their custom resources", async () => {
  await using t = await engineHarness();
  const loaded = await loadManifestFiles([`${FIXTURES}kube-prometheus`]);
  const manifests = loaded.objects.map((o) => o.object);
  // Its manifests name their namespaces, some other than "monitoring" (RoleBindings in
  // default and kube-system): like `kubectl apply -n`, an explicit namespace conflicts with them.
  await rejects(
    t.engine.deploy({ service: "monitoring", namespace: "monitoring", manifests }),
    (e) =>
      isNopeaError(e) && e.code === "MANIFEST_INVALID" &&
      /"kube-system", which conflicts with --namespace "monitoring"/.test(e.message),
  );
  const result = await t.engine.deploy({ service: "monitoring", manifests });
  equal(result.status, "completed", JSON.stringify(result.error));
  const failed = result.resources.filter((r) => r.action === "failed" || r.readiness !== "ready");
  deepEqual(failed, []);
  const crds = result.resources.filter((r) => r.kind === "CustomResourceDefinition");
  equal(crds.length, 10);
  deepEqual(
    [...new Set(result.resources.flatMap((r) => r.namespace ? [r.namespace] : []))].sort(),
    ["default", "kube-system", "monitoring"],
  );
  const prometheus = await t.h.cluster.get({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "Prometheus",
    namespace: "monitoring",
    name: "k8s",
  });
  equal(prometheus?.metadata.labels?.["nopea.io/service"], "monitoring");
  const again = await t.engine.deploy({ service: "monitoring", manifests });
  equal(again.status, "completed");
  ok(again.resources.every((r) => r.action === "unchanged"), "a second deploy changes nothing");
});
