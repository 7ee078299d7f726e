import { deepEqual, equal, ok } from "node:assert/strict";
import { ERROR_CODES, isNopeaError, NopeaError, toErrorBody } from "../../src/shared/mod.ts";

Deno.test("NopeaError carries code, hint, cause and details", () => {
  const cause = new Error("inner");
  const err = new NopeaError("KUBE_CONFLICT", "Cannot apply", {
    hint: "use --force-conflicts",
    cause,
    details: { field: ".spec.replicas" },
  });
  equal(err.code, "KUBE_CONFLICT");
  equal(err.hint, "use --force-conflicts");
  equal(err.cause, cause);
  deepEqual(err.details, { field: ".spec.replicas" });
  ok(isNopeaError(err));
});

Deno.test("toErrorBody() hides internals of unknown errors", async (t) => {
  const cases = [
    {
      name: "NopeaError keeps its code",
      error: new NopeaError("SPEC_INVALID", "bad"),
      code: "SPEC_INVALID",
    },
    {
      name: "TypeError becomes INTERNAL",
      error: new TypeError("x is undefined"),
      code: "INTERNAL",
    },
    { name: "a thrown string becomes INTERNAL", error: "boom", code: "INTERNAL" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const body = toErrorBody(c.error);
      equal(body.code, c.code);
      ok(!JSON.stringify(body).includes("    at "), "no stack trace");
    });
  }
});

Deno.test("ERROR_CODES lists every code exactly once", () => {
  equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
});
