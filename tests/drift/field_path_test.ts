import { equal } from "node:assert/strict";
import { type FieldPath, formatPath, valueAtPath } from "../../src/drift/mod.ts";

const pod = {
  metadata: { finalizers: ["a", "b"] },
  spec: {
    containers: [
      { name: "app", image: "web:1", ports: [{ containerPort: 80, protocol: "TCP" }] },
      { name: "sidecar", image: "envoy:1" },
    ],
    args: ["--port", "80"],
  },
};
const containers: FieldPath = [{ field: "spec" }, { field: "containers" }];

Deno.test("formatPath() spells paths as server-side apply conflicts do", async (t) => {
  const cases: { name: string; path: FieldPath; text: string }[] = [
    { name: "root", path: [], text: "." },
    { name: "fields", path: [{ field: "spec" }, { field: "replicas" }], text: ".spec.replicas" },
    {
      name: "key fields sorted, values as JSON",
      path: [...containers, { key: { protocol: "TCP", containerPort: 80 } }],
      text: '.spec.containers[containerPort=80,protocol="TCP"]',
    },
    {
      name: "set value",
      path: [{ field: "finalizers" }, { value: "x" }],
      text: '.finalizers[="x"]',
    },
    { name: "index", path: [{ field: "args" }, { index: 1 }], text: ".args[1]" },
  ];
  for (const c of cases) await t.step(c.name, () => equal(formatPath(c.path), c.text));
});

Deno.test("valueAtPath() follows each kind of path element", async (t) => {
  const cases: { name: string; path: FieldPath; value: unknown }[] = [
    {
      name: "list-map item by key",
      path: [...containers, { key: { name: "sidecar" } }, { field: "image" }],
      value: "envoy:1",
    },
    {
      name: "key missing a defaulted field still matches",
      path: [...containers, { key: { name: "app" } }, { field: "ports" }, {
        key: { containerPort: 80 },
      }, { field: "protocol" }],
      value: "TCP",
    },
    {
      name: "key with a different value does not",
      path: [...containers, { key: { name: "app" } }, { field: "ports" }, {
        key: { containerPort: 80, protocol: "UDP" },
      }],
      value: undefined,
    },
    {
      name: "set item",
      path: [{ field: "metadata" }, { field: "finalizers" }, { value: "b" }],
      value: "b",
    },
    { name: "index", path: [{ field: "spec" }, { field: "args" }, { index: 1 }], value: "80" },
    { name: "absent field", path: [{ field: "spec" }, { field: "nodeName" }], value: undefined },
    { name: "field of a list", path: [...containers, { field: "image" }], value: undefined },
    {
      name: "key into a map",
      path: [{ field: "spec" }, { key: { name: "app" } }],
      value: undefined,
    },
  ];
  for (const c of cases) await t.step(c.name, () => equal(valueAtPath(pod, c.path), c.value));
});
