import { deepEqual } from "node:assert/strict";
import { join } from "node:path";
import { type KubeObject, loadManifestFiles } from "../../src/manifests/mod.ts";
import { dependsOnServices, type KnownService } from "../../src/plan/mod.ts";

const FIXTURES = new URL("../fixtures/manifests/", import.meta.url).pathname;

const KNOWN: KnownService[] = [
  { name: "cart", namespace: "shop", service: "cart" },
  { name: "cart", namespace: "other" },
  { name: "payments", namespace: "billing", service: "billing" },
  { name: "catalog", namespace: "shop" },
  { name: "redis", namespace: "shop" },
  { name: "web", namespace: "shop" },
];

function withEnv(...values: string[]): KubeObject {
  const env = values.map((value, i) => ({ name: `V${i}`, value }));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop" },
    spec: { template: { spec: { containers: [{ name: "web", image: "web:1", env }] } } },
  };
}

function refs(found: KnownService[]): string[] {
  return found.map((s) => `${s.namespace}/${s.name}`);
}

Deno.test("dependsOnServices() finds Services named in env values", async (t) => {
  const cases: [string, string[], string[]][] = [
    ["a short name", ["redis"], ["shop/redis"]],
    ["a short name with a port", ["cart:7070"], ["shop/cart"]],
    ["a URL to a short name", ["http://cart:7070/api"], ["shop/cart"]],
    ["svc.ns", ["cart.other:80"], ["other/cart"]],
    ["svc.ns.svc", ["grpc://cart.other.svc:9000"], ["other/cart"]],
    ["svc.ns.svc.cluster.local inside a longer value", [
      "--upstream=payments.billing.svc.cluster.local:8080",
    ], ["billing/payments"]],
    ["a comma-separated list", ["redis:6379,cart:7070"], ["shop/cart", "shop/redis"]],
    ["upper case", ["CART:7070"], ["shop/cart"]],
    ["a short name of another namespace does not match", ["payments:8080"], []],
    ["a word inside prose does not match", ["talk to the cart team"], []],
    ["an unknown domain does not match", ["cart.example.com"], []],
    ["an unknown service does not match", ["inventory.shop:80"], []],
  ];
  for (const [name, values, expected] of cases) {
    await t.step(
      name,
      () => deepEqual(refs(dependsOnServices([withEnv(...values)], KNOWN)), expected),
    );
  }
});

Deno.test("dependsOnServices() reads ConfigMap data and skips Services of the same manifest set", async () => {
  const loaded = await loadManifestFiles([join(FIXTURES, "app.yaml")]);
  const objects = loaded.objects.map((o) => o.object);
  deepEqual(refs(dependsOnServices(objects, KNOWN)), [
    "billing/payments",
    "shop/cart",
    "shop/catalog",
  ]);
});

Deno.test("dependsOnServices() resolves short names in the default namespace of objects without one", () => {
  const deploy = withEnv("redis:6379");
  delete deploy.metadata.namespace;
  deepEqual(refs(dependsOnServices([deploy], KNOWN, { namespace: "shop" })), ["shop/redis"]);
  deepEqual(refs(dependsOnServices([deploy], KNOWN)), []);
});

Deno.test("dependsOnServices() ignores Services the objects define themselves", () => {
  const service: KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "shop" },
  };
  deepEqual(refs(dependsOnServices([withEnv("web:80", "redis"), service], KNOWN)), ["shop/redis"]);
});
