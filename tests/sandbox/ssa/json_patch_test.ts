import { deepEqual, equal, throws } from "node:assert/strict";
import { jsonPatch, PatchError } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";

Deno.test("jsonPatch() applies every RFC 6902 operation", async (t) => {
  const doc = { a: { b: 1 }, list: ["x", "y"], "a/b": 2, "m~n": 3 };
  const cases: { name: string; ops: JsonObject[]; expected: JsonObject }[] = [
    {
      name: "add a member",
      ops: [{ op: "add", path: "/a/c", value: 2 }],
      expected: { ...doc, a: { b: 1, c: 2 } },
    },
    {
      name: "add inserts into an array",
      ops: [{ op: "add", path: "/list/1", value: "q" }],
      expected: { ...doc, list: ["x", "q", "y"] },
    },
    {
      name: "add with - appends",
      ops: [{ op: "add", path: "/list/-", value: "z" }],
      expected: { ...doc, list: ["x", "y", "z"] },
    },
    {
      name: "add at the root replaces the document",
      ops: [{ op: "add", path: "", value: { fresh: true } }],
      expected: { fresh: true },
    },
    { name: "remove a member", ops: [{ op: "remove", path: "/a/b" }], expected: { ...doc, a: {} } },
    {
      name: "remove an array element",
      ops: [{ op: "remove", path: "/list/0" }],
      expected: { ...doc, list: ["y"] },
    },
    {
      name: "replace",
      ops: [{ op: "replace", path: "/list/1", value: "w" }],
      expected: { ...doc, list: ["x", "w"] },
    },
    {
      name: "move",
      ops: [{ op: "move", from: "/a/b", path: "/moved" }],
      expected: { ...doc, a: {}, moved: 1 },
    },
    {
      name: "copy",
      ops: [{ op: "copy", from: "/a", path: "/list/0" }],
      expected: { ...doc, list: [{ b: 1 }, "x", "y"] },
    },
    {
      name: "test then replace",
      ops: [{ op: "test", path: "/a", value: { b: 1 } }, { op: "replace", path: "/a/b", value: 5 }],
      expected: { ...doc, a: { b: 5 } },
    },
    {
      name: "~1 and ~0 escape / and ~",
      ops: [{ op: "replace", path: "/a~1b", value: 20 }, { op: "remove", path: "/m~0n" }],
      expected: { a: { b: 1 }, list: ["x", "y"], "a/b": 20 },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const target = structuredClone(doc);
      deepEqual(jsonPatch(target, c.ops), c.expected);
      deepEqual(target, doc);
    });
  }
});

Deno.test("jsonPatch() throws a PatchError naming the failed operation", async (t) => {
  const doc = { spec: { replicas: 1, args: ["a"] } };
  const cases: { name: string; ops: unknown; message: string }[] = [
    {
      name: "a failed test",
      ops: [{ op: "test", path: "/spec/replicas", value: 1 }, {
        op: "test",
        path: "/spec/replicas",
        value: 2,
      }],
      message:
        'Cannot apply JSON patch operation 2 ("test" at "/spec/replicas"): the value differs ' +
        "from the test value",
    },
    {
      name: "removing a missing member",
      ops: [{ op: "remove", path: "/spec/missing" }],
      message:
        'Cannot apply JSON patch operation 1 ("remove" at "/spec/missing"): the path does not exist',
    },
    {
      name: "an index out of bounds",
      ops: [{ op: "add", path: "/spec/args/5", value: "x" }],
      message:
        'Cannot apply JSON patch operation 1 ("add" at "/spec/args/5"): index "5" is out of bounds',
    },
    {
      name: "an unknown operation",
      ops: [{ op: "merge", path: "/spec" }],
      message: 'Cannot apply JSON patch operation 1 ("merge" at "/spec"): unknown operation ' +
        "(expected add, remove, replace, move, copy or test)",
    },
    {
      name: "a missing value",
      ops: [{ op: "replace", path: "/spec/replicas" }],
      message:
        'Cannot apply JSON patch operation 1 ("replace" at "/spec/replicas"): "value" is missing',
    },
    {
      name: "moving a value into its own child",
      ops: [{ op: "move", from: "/spec", path: "/spec/inner" }],
      message:
        'Cannot apply JSON patch operation 1 ("move" at "/spec/inner"): "from" "/spec" contains ' +
        "the target path",
    },
    {
      name: "a path without a leading slash",
      ops: [{ op: "remove", path: "spec" }],
      message:
        'Cannot apply JSON patch operation 1 ("remove" at "spec"): "path" must start with "/"',
    },
    {
      name: "a patch that is not a list",
      ops: { op: "remove", path: "/spec" },
      message: "Cannot apply JSON patch: the patch must be an array of operations, not an object",
    },
    {
      name: "a result that is not an object",
      ops: [{ op: "replace", path: "", value: [1] }],
      message: "Cannot apply JSON patch: the result is an array, not an object",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => jsonPatch(doc, c.ops),
        (e: unknown) => e instanceof PatchError && e.message === c.message,
      );
    });
  }
});

Deno.test("jsonPatch() applies all operations or none", () => {
  const doc = { a: 1 };
  throws(
    () => jsonPatch(doc, [{ op: "replace", path: "/a", value: 2 }, { op: "remove", path: "/b" }]),
    PatchError,
  );
  equal(doc.a, 1);
});
