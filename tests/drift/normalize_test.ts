import { deepEqual, equal } from "node:assert/strict";
import { normalize, stableJson } from "../../src/drift/mod.ts";
import { deployment, liveDeployment, secret } from "./_objects.ts";

Deno.test("normalize() strips what the server owns", async (t) => {
  const live = liveDeployment();
  live.metadata.selfLink = "/apis/apps/v1/namespaces/prod/deployments/api";
  live.metadata.deletionTimestamp = "2026-03-07T00:00:00Z";
  const result = normalize(live);
  const cases: { name: string; value: unknown }[] = [
    { name: "status", value: result.status },
    { name: "metadata.uid", value: result.metadata.uid },
    { name: "metadata.resourceVersion", value: result.metadata.resourceVersion },
    { name: "metadata.generation", value: result.metadata.generation },
    { name: "metadata.creationTimestamp", value: result.metadata.creationTimestamp },
    { name: "metadata.managedFields", value: result.metadata.managedFields },
    { name: "metadata.selfLink", value: result.metadata.selfLink },
    { name: "metadata.deletionTimestamp", value: result.metadata.deletionTimestamp },
    { name: "bookkeeping annotations, and the map once empty", value: result.metadata.annotations },
  ];
  for (const c of cases) await t.step(c.name, () => equal(c.value, undefined));
  await t.step("and keeps the rest, including server defaults", () => {
    deepEqual(result.metadata, { labels: { app: "api" }, name: "api", namespace: "prod" });
    equal((result.spec as { revisionHistoryLimit: number }).revisionHistoryLimit, 10);
  });
});

Deno.test("normalize() drops extra annotations and keeps the others", () => {
  const obj = deployment();
  obj.metadata.annotations = {
    "kubectl.kubernetes.io/last-applied-configuration": "{}",
    "example.com/owner": "team-a",
    "example.com/build": "77",
  };
  const result = normalize(obj, { dropAnnotations: ["example.com/build"] });
  deepEqual(result.metadata.annotations, { "example.com/owner": "team-a" });
  equal(obj.metadata.annotations["example.com/build"], "77");
});

Deno.test("normalize() folds a Secret's stringData into data as the server does", () => {
  const sent = secret({ password: "pässword" }, true);
  sent.data = { user: btoa("admin") };
  const result = normalize(sent);
  equal(result.stringData, undefined);
  deepEqual(result.data, { password: "cMOkc3N3b3Jk", user: "YWRtaW4=" });
});

Deno.test("normalize() sorts keys so equal objects give equal JSON", () => {
  const a = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x" },
    data: { b: "2", a: "1" },
  };
  const b = {
    data: { a: "1", b: "2" },
    metadata: { name: "x" },
    kind: "ConfigMap",
    apiVersion: "v1",
  };
  equal(JSON.stringify(normalize(a)), JSON.stringify(normalize(b)));
  equal(stableJson(a), stableJson(b));
});

Deno.test("stableJson() sorts nested keys, keeps list order and drops undefined", () => {
  equal(
    stableJson({ z: [{ b: 1, a: 2 }, 3], a: undefined, m: null }),
    '{"m":null,"z":[{"a":2,"b":1},3]}',
  );
});
