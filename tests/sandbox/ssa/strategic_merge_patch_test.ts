import { deepEqual, throws } from "node:assert/strict";
import { PatchError, strategicMergePatch } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { deploymentSchema } from "./_fixtures.ts";

const pod = (...containers: JsonObject[]): JsonObject => ({
  metadata: { name: "web", finalizers: ["a/x", "b/y"] },
  spec: { template: { spec: { containers } } },
});
const app: JsonObject = {
  name: "app",
  image: "web:1",
  args: ["--a"],
  ports: [{ containerPort: 80, protocol: "TCP" }],
};
const side: JsonObject = { name: "side", image: "proxy:1" };

Deno.test("strategicMergePatch() merges keyed lists and honours directives", async (t) => {
  const target = pod(app, side);
  const cases: { name: string; patch: JsonObject; expected: JsonObject }[] = [
    {
      name: "a container is patched by name, the others kept",
      patch: pod({ name: "side", image: "proxy:2" }),
      expected: pod(app, { name: "side", image: "proxy:2" }),
    },
    {
      name: "a new container is appended",
      patch: pod({ name: "extra", image: "e:1" }),
      expected: pod(app, side, { name: "extra", image: "e:1" }),
    },
    {
      name: "$patch: delete removes a list item",
      patch: pod({ name: "app", $patch: "delete" }),
      expected: pod(side),
    },
    {
      name: "$patch: replace as a list item replaces the list",
      patch: pod({ $patch: "replace" }, { name: "only", image: "o:1" }),
      expected: pod({ name: "only", image: "o:1" }),
    },
    {
      name: "$patch: replace in a map replaces the map",
      patch: { metadata: { $patch: "replace", name: "web" } },
      expected: { ...pod(app, side), metadata: { name: "web" } },
    },
    {
      name: "$patch: delete in a map value removes the field",
      patch: { spec: { $patch: "delete" } },
      expected: { metadata: { name: "web", finalizers: ["a/x", "b/y"] } },
    },
    {
      name: "null removes a field",
      patch: pod({ name: "app", image: null }),
      expected: pod({ name: "app", args: ["--a"], ports: app["ports"] }, side),
    },
    {
      name: "a list not in the schema is replaced",
      patch: pod({ name: "app", args: ["--b"] }),
      expected: pod({ ...app, args: ["--b"] }, side),
    },
    {
      name: "a port without protocol matches the TCP port",
      patch: pod({ name: "app", ports: [{ containerPort: 80, name: "http" }] }),
      expected: pod(
        { ...app, ports: [{ containerPort: 80, protocol: "TCP", name: "http" }] },
        side,
      ),
    },
    {
      name: "set lists are united",
      patch: { metadata: { finalizers: ["b/y", "c/z"] } },
      expected: { ...pod(app, side), metadata: { name: "web", finalizers: ["a/x", "b/y", "c/z"] } },
    },
    {
      name: "$deleteFromPrimitiveList removes values",
      patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["a/x"] } },
      expected: { ...pod(app, side), metadata: { name: "web", finalizers: ["b/y"] } },
    },
    {
      name: "$setElementOrder orders the list",
      patch: {
        spec: {
          template: {
            spec: { "$setElementOrder/containers": [{ name: "side" }, { name: "app" }] },
          },
        },
      },
      expected: pod(side, app),
    },
    {
      name: "$retainKeys drops the keys not listed",
      patch: {
        spec: { template: { spec: { containers: [{ name: "side", $retainKeys: ["name"] }] } } },
      },
      expected: pod(app, { name: "side" }),
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const copy = structuredClone(target);
      deepEqual(strategicMergePatch(copy, c.patch, deploymentSchema), c.expected);
      deepEqual(copy, target);
    });
  }
});

Deno.test("strategicMergePatch() rejects malformed patches with a PatchError", async (t) => {
  const cases: { name: string; patch: unknown; message: string }[] = [
    {
      name: "a patch that is not an object",
      patch: [1],
      message: "Cannot apply strategic merge patch: the patch must be a JSON object, not an array",
    },
    {
      name: "an unknown $patch directive",
      patch: { spec: { $patch: "explode" } },
      message: 'Cannot apply strategic merge patch at "spec": unknown $patch directive "explode"',
    },
    {
      name: "a keyed list item without its key",
      patch: pod({ image: "x" }),
      message: 'Cannot apply strategic merge patch at "spec.template.spec.containers": list item ' +
        'has none of the merge keys "name"',
    },
    {
      name: "a directive list that is not a list",
      patch: { metadata: { "$deleteFromPrimitiveList/finalizers": "a/x" } },
      message: 'Cannot apply strategic merge patch at "metadata": ' +
        "$deleteFromPrimitiveList/finalizers must be a list, not a string",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => strategicMergePatch(pod(app), c.patch, deploymentSchema),
        (e: unknown) => e instanceof PatchError && e.message === c.message,
      );
    });
  }
});
