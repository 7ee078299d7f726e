import { deepEqual, throws } from "node:assert/strict";
import { mergePatch, PatchError } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";

Deno.test("mergePatch() follows the examples of RFC 7386", async (t) => {
  const cases: { target: JsonObject; patch: JsonObject; expected: JsonObject }[] = [
    { target: { a: "b" }, patch: { a: "c" }, expected: { a: "c" } },
    { target: { a: "b" }, patch: { b: "c" }, expected: { a: "b", b: "c" } },
    { target: { a: "b" }, patch: { a: null }, expected: {} },
    { target: { a: "b", b: "c" }, patch: { a: null }, expected: { b: "c" } },
    { target: { a: ["b"] }, patch: { a: "c" }, expected: { a: "c" } },
    { target: { a: "c" }, patch: { a: ["b"] }, expected: { a: ["b"] } },
    { target: { a: { b: "c" } }, patch: { a: { b: "d", c: null } }, expected: { a: { b: "d" } } },
    { target: { a: [{ b: "c" }] }, patch: { a: [1] }, expected: { a: [1] } },
    { target: { e: null }, patch: { a: 1 }, expected: { e: null, a: 1 } },
    { target: {}, patch: { a: { bb: { ccc: null } } }, expected: { a: { bb: {} } } },
  ];
  for (const c of cases) {
    await t.step(`${JSON.stringify(c.target)} + ${JSON.stringify(c.patch)}`, () => {
      const target = structuredClone(c.target);
      deepEqual(mergePatch(target, c.patch), c.expected);
      deepEqual(target, c.target);
    });
  }
});

Deno.test("mergePatch() rejects a patch that is not an object", async (t) => {
  for (const patch of [["c"], null, "bar", 1]) {
    await t.step(JSON.stringify(patch), () => {
      throws(
        () => mergePatch({ a: "foo" }, patch),
        (e: unknown) => e instanceof PatchError && e.message.startsWith("Cannot apply merge patch"),
      );
    });
  }
});
