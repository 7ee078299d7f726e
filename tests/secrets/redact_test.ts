import { deepEqual, equal, match } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { createSecretMasker, redactValues, secretValuesOf } from "../../src/secrets/mod.ts";
import { base64, DISPLAY, secret } from "./_forms.ts";

const shown = (value: string) => createSecretMasker().displayForm(value);

Deno.test("secretValuesOf() lists a Secret's values as written and decoded, longest first", async (t) => {
  const cases: [string, KubeObject[], string[]][] = [
    ["data, as base64 and decoded", [secret({ pw: "hunter2" })], [base64("hunter2"), "hunter2"]],
    ["stringData, as written", [secret({ token: "t0k3n-t0k3n" }, true)], ["t0k3n-t0k3n"]],
    [
      "several Secrets, each value once, longest first",
      [secret({ a: "hunter2", b: "hunter2" }), secret({ c: "a-much-longer-value" }, true)],
      ["a-much-longer-value", base64("hunter2"), "hunter2"],
    ],
    ["values shorter than 4 characters are left out", [secret({ pw: "abc" }, true)], []],
    [
      "data that is not base64 of UTF-8 is listed as written only",
      [{ ...secret({}), data: { bin: "/w==" + "/w==", odd: "not base64!" } }],
      ["not base64!", "/w==/w=="],
    ],
    ["other kinds are left out", [{
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { a: "plain-config" },
    }], []],
  ];
  for (const [name, objects, want] of cases) {
    await t.step(name, () => deepEqual(secretValuesOf(objects), want));
  }
});

Deno.test("redactValues() replaces leaked values by their display form wherever they occur", async (t) => {
  const values = secretValuesOf([
    secret({ pw: "hunter2" }),
    secret({ token: "t0k3n-t0k3n" }, true),
  ]);
  const cases: [string, unknown, unknown][] = [
    [
      "a value in a message",
      { message: 'data[pw]: Invalid value: "hunter2"', status: 422 },
      { message: `data[pw]: Invalid value: "${shown("hunter2")}"`, status: 422 },
    ],
    [
      "its base64 in a message",
      `rejected ${base64("hunter2")}`,
      `rejected ${shown(base64("hunter2"))}`,
    ],
    [
      "every occurrence, in lists and nested objects",
      ["hunter2 and hunter2", { deep: { warning: "token t0k3n-t0k3n is short" } }],
      [
        `${shown("hunter2")} and ${shown("hunter2")}`,
        { deep: { warning: `token ${shown("t0k3n-t0k3n")} is short` } },
      ],
    ],
    ["text without a value", { message: "all good", n: 3, ok: true }, {
      message: "all good",
      n: 3,
      ok: true,
    }],
  ];
  for (const [name, value, want] of cases) {
    await t.step(name, () => {
      const clean = redactValues(value, values);
      deepEqual(clean, want);
      const text = JSON.stringify(clean);
      for (const v of values) equal(text.includes(v), false, v);
    });
  }
  await t.step("no values: the input itself comes back", () => {
    const value = { message: "hunter2" };
    equal(redactValues(value, []), value);
  });
  await t.step("the input is not changed", () => {
    const value = { message: "hunter2" };
    redactValues(value, values);
    deepEqual(value, { message: "hunter2" });
  });
});

Deno.test("redactValues() replaces in one pass, so a short value is never found inside a mask", () => {
  // "sha2" and "secret" both occur in every display form; the old two-pass code mangled them.
  const values = ["hunter2-and-more", "hunter2", "sha2", "secret"];
  const clean = redactValues("hunter2-and-more, hunter2, sha2 and secret", values);
  equal(
    clean,
    `${shown("hunter2-and-more")}, ${shown("hunter2")}, ${shown("sha2")} and ${shown("secret")}`,
  );
  match(shown("sha2"), DISPLAY);
});
