import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { maskSecret } from "../../src/drift/mod.ts";
import { deployment, secret } from "./_objects.ts";

const MASK = /^<secret sha256:[0-9a-f]{8}…>$/;

Deno.test("maskSecret() replaces every Secret value by a hash mask", async (t) => {
  await t.step("data and stringData values", () => {
    const obj = { ...secret({ password: "hunter2" }), stringData: { token: "t0k3n" } };
    const masked = maskSecret(obj);
    const text = JSON.stringify(masked);
    for (const raw of ["hunter2", btoa("hunter2"), "t0k3n"]) equal(text.includes(raw), false);
    match(String((masked.data as Record<string, unknown>).password), MASK);
    match(String((masked.stringData as Record<string, unknown>).token), MASK);
  });
  await t.step("kubectl's last-applied annotation, which repeats them", () => {
    const obj = secret({ password: "hunter2" });
    obj.metadata.annotations = {
      "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(obj),
      "example.com/owner": "team-a",
    };
    const masked = maskSecret(obj);
    equal(JSON.stringify(masked).includes(btoa("hunter2")), false);
    equal(masked.metadata.annotations?.["example.com/owner"], "team-a");
  });
  await t.step("without changing the object it was given", () => {
    const obj = secret({ password: "hunter2" });
    maskSecret(obj);
    deepEqual(obj.data, { password: btoa("hunter2") });
  });
});

Deno.test("maskSecret() gives equal values equal masks and different values different ones", () => {
  const mask = (values: Record<string, string>, asText = false) =>
    maskSecret(secret(values, asText))[asText ? "stringData" : "data"] as Record<string, string>;
  equal(mask({ a: "same" }).a, mask({ a: "same" }, true).a);
  notEqual(mask({ a: "same" }).a, mask({ a: "other" }).a);
  // sha256("hunter2") starts with f52fbd32: a user can check a guess with sha256sum.
  equal(mask({ a: "hunter2" }).a, "<secret sha256:f52fbd32…>");
});

Deno.test("maskSecret() leaves other kinds alone", () => {
  const obj = deployment();
  equal(maskSecret(obj), obj);
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c" },
    data: { a: "1" },
  };
  deepEqual(maskSecret(configMap), configMap);
});
