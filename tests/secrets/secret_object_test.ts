import { deepEqual, equal } from "node:assert/strict";
import { foldStringData, isSecret } from "../../src/secrets/mod.ts";
import { base64 } from "./_forms.ts";

Deno.test("isSecret() is true for core v1 Secrets only", async (t) => {
  const cases: [string, { apiVersion?: unknown; kind?: unknown }, boolean][] = [
    ["a v1 Secret", { apiVersion: "v1", kind: "Secret" }, true],
    ["a ConfigMap", { apiVersion: "v1", kind: "ConfigMap" }, false],
    ["a Secret kind of another group", { apiVersion: "example.com/v1", kind: "Secret" }, false],
    ["a Secret without apiVersion", { kind: "Secret" }, false],
    ["another casing", { apiVersion: "v1", kind: "secret" }, false],
  ];
  for (const [name, obj, want] of cases) await t.step(name, () => equal(isSecret(obj), want));
});

Deno.test("foldStringData() moves stringData into data as base64, as the API server does", async (t) => {
  const base = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" } };
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ["stringData alone", { ...base, stringData: { pw: "hunter2" } }, {
      ...base,
      data: { pw: base64("hunter2") },
    }],
    [
      "stringData over data, key by key",
      { ...base, data: { pw: base64("old"), keep: "a2VlcA==" }, stringData: { pw: "pässwörd" } },
      { ...base, data: { pw: base64("pässwörd"), keep: "a2VlcA==" } },
    ],
    ["data alone", { ...base, data: { pw: "aHVudGVyMg==" } }, {
      ...base,
      data: { pw: "aHVudGVyMg==" },
    }],
    ["another kind", { apiVersion: "v1", kind: "ConfigMap", stringData: { a: "1" } }, {
      apiVersion: "v1",
      kind: "ConfigMap",
      stringData: { a: "1" },
    }],
  ];
  for (const [name, input, want] of cases) {
    await t.step(name, () => {
      const before = JSON.stringify(input);
      deepEqual(foldStringData(input), want);
      equal(JSON.stringify(input), before, "the input is not changed");
    });
  }
});
