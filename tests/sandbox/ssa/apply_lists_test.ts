import { deepEqual, equal } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import {
  applied,
  at,
  conflicted,
  deployment,
  fieldsOf,
  plainSchema,
  podSpec,
  T1,
  T2,
} from "./_fixtures.ts";

const containersOf = (obj: JsonObject): JsonObject[] =>
  at(obj, "spec.template.spec.containers") as JsonObject[];
const names = (list: unknown): unknown[] => (list as JsonObject[]).map((i) => i["name"]);

Deno.test("serverSideApply() merges containers by name", async (t) => {
  const a = applied(undefined, deployment(podSpec({ name: "app", image: "web:1" })), "a");
  const ab = applied(a, deployment(podSpec({ name: "sidecar", image: "proxy:1" })), "b");

  await t.step("two managers each own one container", () => {
    deepEqual(names(containersOf(ab)), ["app", "sidecar"]);
    deepEqual(at(fieldsOf(ab, "b"), "f:spec.f:template.f:spec.f:containers"), {
      'k:{"name":"sidecar"}': { ".": {}, "f:image": {}, "f:name": {} },
    });
  });

  await t.step("a manager that stops applying its container removes only that one", () => {
    const next = applied(ab, deployment({ replicas: 1 }), "a", { time: T1 });
    deepEqual(containersOf(next), [{ name: "sidecar", image: "proxy:1" }]);
  });

  await t.step("renaming a container replaces the applier's item", () => {
    const next = applied(ab, deployment(podSpec({ name: "api", image: "web:1" })), "a");
    deepEqual(names(containersOf(next)), ["sidecar", "api"]);
  });

  await t.step("live-only items keep their place around applied ones", async (t) => {
    const cases = [
      { applied: ["app", "init"], expected: ["app", "sidecar", "init"] },
      { applied: ["init", "app"], expected: ["init", "app", "sidecar"] },
    ];
    for (const c of cases) {
      await t.step(`applying ${c.applied.join(", ")}`, () => {
        const config = deployment(podSpec(...c.applied.map((name) => ({ name, image: "i:1" }))));
        deepEqual(names(containersOf(applied(ab, config, "a", { force: true }))), c.expected);
      });
    }
  });
});

Deno.test("serverSideApply() merges env by name inside a shared container", async (t) => {
  const envOf = (obj: JsonObject): unknown => at(containersOf(obj)[0], "env");
  const a = applied(
    undefined,
    deployment(podSpec({ name: "app", image: "web:1", env: [{ name: "MODE", value: "prod" }] })),
    "a",
  );
  const ab = applied(
    a,
    deployment(podSpec({ name: "app", env: [{ name: "DEBUG", value: "1" }] })),
    "b",
  );

  await t.step("each manager's variable is kept", () => {
    deepEqual(envOf(ab), [{ name: "MODE", value: "prod" }, { name: "DEBUG", value: "1" }]);
  });

  await t.step("a variable goes when its only owner stops applying it", () => {
    const next = applied(ab, deployment(podSpec({ name: "app", image: "web:1" })), "a", {
      time: T1,
    });
    deepEqual(envOf(next), [{ name: "DEBUG", value: "1" }]);
  });

  await t.step("a co-owned container keeps the other manager's fields and its key", () => {
    const next = applied(ab, deployment({ replicas: 1 }), "a", { time: T2 });
    deepEqual(containersOf(next), [{ name: "app", env: [{ name: "DEBUG", value: "1" }] }]);
  });
});

Deno.test("serverSideApply() keys ports by containerPort and protocol", async (t) => {
  const ports = [
    { containerPort: 53, protocol: "TCP" },
    { containerPort: 53, protocol: "UDP" },
  ];
  const live = applied(undefined, deployment(podSpec({ name: "app", ports })), "a");

  await t.step("the key of an item holds every key field, typed", () => {
    deepEqual(
      Object.keys(at(fieldsOf(live, "a"), "f:spec.f:template.f:spec.f:containers") as JsonObject),
      ['k:{"name":"app"}'],
    );
    const item = (at(fieldsOf(live, "a"), "f:spec.f:template.f:spec.f:containers") as JsonObject)[
      'k:{"name":"app"}'
    ] as JsonObject;
    deepEqual(Object.keys(item["f:ports"] as JsonObject), [
      'k:{"containerPort":53,"protocol":"TCP"}',
      'k:{"containerPort":53,"protocol":"UDP"}',
    ]);
  });

  await t.step("a port without protocol matches the live TCP port", () => {
    const next = applied(
      live,
      deployment(podSpec({ name: "app", ports: [{ containerPort: 53 }] })),
      "a",
    );
    deepEqual(at(containersOf(next)[0], "ports"), [{ containerPort: 53, protocol: "TCP" }]);
  });

  await t.step("another manager changing one port's field conflicts on that port only", () => {
    const patch = deployment(
      podSpec({ name: "app", ports: [{ containerPort: 53, protocol: "UDP", name: "dns" }] }),
    );
    const withName = applied(live, patch, "a");
    const renamed = deployment(
      podSpec({ name: "app", ports: [{ containerPort: 53, protocol: "UDP", name: "x" }] }),
    );
    deepEqual(conflicted(withName, renamed, "b").map((c) => c.field), [
      '.spec.template.spec.containers[name="app"].ports[containerPort=53,protocol="UDP"].name',
    ]);
  });
});

Deno.test("serverSideApply() treats unlisted lists as atomic and listSets as sets", async (t) => {
  const args = (...values: string[]): JsonObject =>
    deployment(podSpec({ name: "app", args: values }));
  const live = applied(undefined, args("a", "b"), "a");

  await t.step("an atomic list is one leaf", () => {
    deepEqual(
      at(fieldsOf(live, "a"), 'f:spec.f:template.f:spec.f:containers.k:{"name":"app"}.f:args'),
      {},
    );
  });

  await t.step("an atomic list is replaced whole", () => {
    deepEqual(at(containersOf(applied(live, args("c"), "a"))[0], "args"), ["c"]);
  });

  await t.step("an atomic list conflicts as a whole and is co-owned when equal", () => {
    equal(
      conflicted(live, args("a"), "b")[0]?.field,
      '.spec.template.spec.containers[name="app"].args',
    );
    equal(at(fieldsOf(applied(live, args("a", "b"), "b"), "a"), "f:spec") !== undefined, true);
  });

  await t.step("set items from two managers are united and owned one by one", () => {
    const tags = (...values: string[]): JsonObject =>
      deployment({ template: { spec: { tags: values } } });
    const both = applied(applied(undefined, tags("x", "y"), "a"), tags("y", "z"), "b");
    deepEqual(at(both, "spec.template.spec.tags"), ["x", "y", "z"]);
    deepEqual(at(fieldsOf(both, "b"), "f:spec.f:template.f:spec.f:tags"), {
      'v:"y"': {},
      'v:"z"': {},
    });
    const dropped = applied(both, tags(), "a", { time: T1 });
    deepEqual(at(dropped, "spec.template.spec.tags"), ["y", "z"]);
  });

  await t.step("metadata.finalizers is a set for every kind", () => {
    const fin = (f: string): JsonObject => ({
      kind: "ConfigMap",
      metadata: { name: "c", finalizers: [f] },
    });
    const both = applied(
      applied(undefined, fin("a/x"), "a", { schema: plainSchema }),
      fin("b/y"),
      "b",
      {
        schema: plainSchema,
      },
    );
    deepEqual(at(both, "metadata.finalizers"), ["a/x", "b/y"]);
  });
});
