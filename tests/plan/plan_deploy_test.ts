import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { type KubeObject, loadManifestFiles } from "../../src/manifests/mod.ts";
import { applySetId, type DeployPlan, planDeploy, type PlanOptions } from "../../src/plan/mod.ts";
import { isNopeaError, NopeaError } from "../../src/shared/mod.ts";
import { fakeDiscovery } from "./_discovery.ts";

const REAL_WORLD = new URL("../fixtures/real-world/", import.meta.url).pathname;
const FIXTURES = new URL("../fixtures/manifests/", import.meta.url).pathname;
const DEPLOY_ID = "01JQ7Z3K8M4N5P6Q7R8S9T0V1W";

function obj(
  apiVersion: string,
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  const { metadata, ...rest } = extra;
  return { apiVersion, kind, metadata: { name, ...(metadata as object | undefined) }, ...rest };
}

function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return {
    service: "web",
    namespace: "shop",
    deployId: DEPLOY_ID,
    resolve: fakeDiscovery().resolve,
    ...overrides,
  };
}

function summary(plan: DeployPlan): [string, string[]][] {
  return plan.groups.map((g) => [g.name, g.objects.map((o) => `${o.key.kind}/${o.key.name}`)]);
}

async function objectsOf(...paths: string[]): Promise<KubeObject[]> {
  return (await loadManifestFiles(paths)).objects.map((o) => o.object);
}

Deno.test("planDeploy() orders objects into the DESIGN §2.2 groups, keeping file order within a group", async () => {
  const objects = [
    obj("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "hook"),
    obj("networking.k8s.io/v1", "Ingress", "web"),
    obj("apps/v1", "Deployment", "web"),
    obj("v1", "Service", "web"),
    obj("v1", "Secret", "creds"),
    obj("batch/v1", "CronJob", "nightly"),
    obj("v1", "ConfigMap", "config"),
    obj("apiregistration.k8s.io/v1", "APIService", "v1beta1.metrics.k8s.io"),
    obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", "things.example.com"),
    obj("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"),
    obj("v1", "Namespace", "shop"),
    obj("autoscaling/v2", "HorizontalPodAutoscaler", "web"),
    obj("v1", "ServiceAccount", "web"),
  ];
  const plan = await planDeploy(objects, options());
  deepEqual(summary(plan), [
    ["namespaces", ["Namespace/shop"]],
    ["crds", ["CustomResourceDefinition/things.example.com"]],
    ["config", ["Secret/creds", "ConfigMap/config", "ClusterRole/reader", "ServiceAccount/web"]],
    ["services", ["Service/web"]],
    ["workloads", ["Deployment/web", "CronJob/nightly"]],
    ["other", ["Ingress/web", "HorizontalPodAutoscaler/web"]],
    ["webhooks", ["ValidatingWebhookConfiguration/hook", "APIService/v1beta1.metrics.k8s.io"]],
  ]);
  deepEqual(plan.groups.map((g) => g.awaitEstablished), [
    false,
    true,
    false,
    false,
    false,
    false,
    false,
  ]);
  equal(plan.groups[1]?.objects[0]?.resource.plural, "customresourcedefinitions");
});

Deno.test("planDeploy() defaults namespaces by scope and drops them from cluster-scoped objects", async () => {
  const objects = [
    obj("v1", "ConfigMap", "no-ns"),
    obj("v1", "ConfigMap", "own-ns", { metadata: { namespace: "other" } }),
    obj("rbac.authorization.k8s.io/v1", "ClusterRole", "reader", {
      metadata: { namespace: "shop" },
    }),
    obj("v1", "Namespace", "plain"),
  ];
  const plan = await planDeploy(objects, options());
  const namespaces = plan.groups.flatMap((g) =>
    g.objects.map((o) => [o.key.name, o.object.metadata.namespace, o.key.namespace])
  );
  deepEqual(namespaces, [
    ["plain", undefined, undefined],
    ["no-ns", "shop", "shop"],
    ["own-ns", "other", "other"],
    ["reader", undefined, undefined],
  ]);
  deepEqual(plan.warnings, [
    'ClusterRole "reader" is cluster-scoped: its metadata.namespace "shop" is ignored',
  ]);
});

Deno.test("planDeploy() adds Nopea's labels and annotation to metadata only, without mutating the input", async () => {
  const deployment = obj("apps/v1", "Deployment", "web", {
    metadata: {
      labels: { app: "web", [`app.kubernetes.io/managed-by`]: "helm" },
      annotations: { note: "x" },
    },
    spec: {
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "web:1" }] },
      },
    },
  });
  const before = structuredClone(deployment);
  const plan = await planDeploy(
    [deployment],
    options({ labels: { team: "shop", "nopea.io/service": "spoof" } }),
  );
  const planned = plan.groups[0]?.objects[0]?.object;
  deepEqual(planned?.metadata.labels, {
    app: "web",
    team: "shop",
    "app.kubernetes.io/managed-by": "nopea",
    "nopea.io/service": "web",
    "applyset.kubernetes.io/part-of": applySetId("web", "shop"),
  });
  deepEqual(planned?.metadata.annotations, { note: "x", "nopea.io/deploy-id": DEPLOY_ID });
  deepEqual(planned?.["spec"], before["spec"]);
  deepEqual(deployment, before);
});

Deno.test("planDeploy() fails with KUBE_NOT_FOUND_KIND naming every unserved kind and apiVersion", async () => {
  const discovery = fakeDiscovery();
  const objects = [
    obj("v1", "ConfigMap", "a"),
    obj("v1", "ConfigMap", "b"),
    obj("example.com/v1", "Widget", "w"),
    obj("apps/v1beta9", "Deployment", "old"),
  ];
  await rejects(planDeploy(objects, options({ resolve: discovery.resolve })), (e: unknown) => {
    ok(isNopeaError(e));
    equal(e.code, "KUBE_NOT_FOUND_KIND");
    equal(
      e.message,
      'Cannot plan deploy of service "web": the cluster does not serve kind "Widget" in apiVersion ' +
        '"example.com/v1", kind "Deployment" in apiVersion "apps/v1beta9"',
    );
    ok(e.hint?.includes("Install the CustomResourceDefinition"));
    return true;
  });
  deepEqual(discovery.calls, ["v1|ConfigMap", "example.com/v1|Widget", "apps/v1beta9|Deployment"]);
});

Deno.test("planDeploy() takes kinds defined by CRDs of the same set from the CRDs, scope included", async () => {
  const discovery = fakeDiscovery();
  const objects = await objectsOf(join(FIXTURES, "crd_and_cr.yaml"));
  const plan = await planDeploy(objects, options({ resolve: discovery.resolve }));
  deepEqual(summary(plan), [
    ["crds", [
      "CustomResourceDefinition/widgets.example.com",
      "CustomResourceDefinition/gizmos.example.com",
    ]],
    ["other", ["Widget/blue", "Gizmo/cluster-gizmo"]],
  ]);
  const [widget, gizmo] = plan.groups[1]?.objects ?? [];
  deepEqual(widget?.resource, {
    group: "example.com",
    version: "v1",
    kind: "Widget",
    plural: "widgets",
    namespaced: true,
    subresources: ["status"],
  });
  equal(widget?.key.namespace, "shop");
  equal(gizmo?.resource.namespaced, false);
  equal(gizmo?.object.metadata.namespace, undefined);
  deepEqual(plan.warnings, [
    'Gizmo "cluster-gizmo" is cluster-scoped: its metadata.namespace "ignored" is ignored',
  ]);
  deepEqual(discovery.calls, ["apiextensions.k8s.io/v1|CustomResourceDefinition"]);
});

Deno.test("planDeploy() asks discovery for a version the CRD of the set does not serve", async () => {
  const objects = [
    ...await objectsOf(join(FIXTURES, "crd_and_cr.yaml")),
    obj("example.com/v2", "Widget", "new"),
  ];
  await rejects(planDeploy(objects, options()), (e: unknown) => {
    ok(isNopeaError(e));
    equal(e.code, "KUBE_NOT_FOUND_KIND");
    ok(e.message.includes('kind "Widget" in apiVersion "example.com/v2"'));
    return true;
  });
});

Deno.test("planDeploy() rejects bad options and duplicates that appear after namespace defaulting", async (t) => {
  const cm = obj("v1", "ConfigMap", "a");
  const cases: [string, KubeObject[], Partial<PlanOptions>, string][] = [
    ["a service name that is not a label", [cm], { service: "Web_1" }, "SPEC_INVALID"],
    ["a namespace that is not a label", [cm], { namespace: "a.b" }, "SPEC_INVALID"],
    ["an invalid extra label", [cm], { labels: { team: "a b" } }, "SPEC_INVALID"],
    ["an empty deploy id", [cm], { deployId: "" }, "SPEC_INVALID"],
    [
      "the same object with and without the namespace",
      [cm, obj("v1", "ConfigMap", "a", { metadata: { namespace: "shop" } })],
      {},
      "MANIFEST_INVALID",
    ],
  ];
  for (const [name, objects, overrides, code] of cases) {
    await t.step(name, async () => {
      await rejects(
        planDeploy(objects, options(overrides)),
        (e: unknown) => isNopeaError(e) && e.code === code,
      );
    });
  }
});

Deno.test("planDeploy() passes discovery failures through", async () => {
  const resolve = () =>
    Promise.reject(new NopeaError("KUBE_UNREACHABLE", "Cannot reach the cluster"));
  await rejects(
    planDeploy([obj("v1", "ConfigMap", "a")], options({ resolve })),
    (e: unknown) => isNopeaError(e) && e.code === "KUBE_UNREACHABLE",
  );
});

Deno.test("planDeploy() plans the real-world kube-prometheus manifests: CRDs before their custom resources", async () => {
  const discovery = fakeDiscovery();
  const objects = await objectsOf(join(REAL_WORLD, "kube-prometheus"));
  const plan = await planDeploy(
    objects,
    options({ service: "monitoring", namespace: "monitoring", resolve: discovery.resolve }),
  );
  const counts = Object.fromEntries(plan.groups.map((g) => [g.name, g.objects.length]));
  deepEqual(counts, {
    namespaces: 1,
    crds: 10,
    config: 82,
    services: 8,
    workloads: 6,
    other: 23,
    webhooks: 1,
  });
  equal(plan.groups.reduce((n, g) => n + g.objects.length, 0), 131);
  const other = plan.groups.find((g) => g.name === "other")?.objects ?? [];
  ok(other.every((o) => o.resource.group === "monitoring.coreos.com" && o.resource.namespaced));
  ok(discovery.calls.every((call) => !call.startsWith("monitoring.coreos.com/")));
  ok(
    plan.groups.flatMap((g) => g.objects).every((o) =>
      o.object.metadata.labels?.["nopea.io/service"] === "monitoring"
    ),
  );
});

Deno.test("planDeploy() plans the real-world online-boutique manifests", async () => {
  const objects = await objectsOf(join(REAL_WORLD, "online-boutique.yaml"));
  const plan = await planDeploy(objects, options({ service: "boutique", namespace: "boutique" }));
  deepEqual(plan.groups.map((g) => [g.name, g.objects.length]), [["config", 11], ["services", 12], [
    "workloads",
    12,
  ]]);
  ok(plan.groups.every((g) => g.objects.every((o) => o.key.namespace === "boutique")));
  deepEqual(plan.warnings, []);
});
