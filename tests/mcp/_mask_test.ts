import { deepEqual, equal, match, ok } from "node:assert/strict";
import { toMaskedJson } from "../../src/mcp/_mask.ts";
import { mcpHarness } from "./_harness.ts";

const secret = (data: Record<string, string>, annotations?: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "db", ...(annotations ? { annotations } : {}) },
  data,
});

Deno.test("toMaskedJson() masks Secret values at any depth and leaves the rest", async (t) => {
  const password = btoa("hunter2");
  const cases = [
    { name: "a top-level Secret", value: secret({ password }) },
    { name: "a Secret in an array field", value: { entries: [{ live: secret({ password }) }] } },
    {
      name: "kubectl's last-applied annotation",
      value: secret({ password }, {
        "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(secret({ password })),
      }),
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const text = JSON.stringify(toMaskedJson(c.value));
      equal(text.includes(password), false);
      match(text, /<secret sha256:[0-9a-f]{8}…>/);
    });
  }
  await t.step("values masked before are kept, not hashed again", () => {
    const masked = { password: "<secret sha256:0123abcd…>", token: `sha256:${"a".repeat(64)}` };
    deepEqual((toMaskedJson(secret(masked)) as { data: unknown }).data, masked);
  });
  await t.step("other objects and undefined fields", () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
    deepEqual(toMaskedJson({ cm, gone: undefined }), { cm });
  });
});

Deno.test("MCP tools never show a Secret's values", async () => {
  await using h = await mcpHarness();
  const manifests = [{
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db" },
    stringData: { password: "hunter2" },
  }];
  const texts: string[] = [];
  for (
    const [tool, args] of [
      ["nopea_deploy", { service: "web", manifests }],
      ["nopea_deploy", { service: "web", manifests, confirm: true }],
      ["nopea_diff", { service: "web", manifests }],
      ["nopea_diff", { service: "web", manifests, objects: true, showUnchanged: true }],
      ["nopea_history", { service: "web" }],
    ] as const
  ) {
    const result = await h.call(tool, args);
    equal(result.isError, undefined, tool);
    texts.push(JSON.stringify(result));
  }
  ok(texts.some((t) => t.includes("<secret sha256:")));
  for (const text of texts) {
    equal(text.includes("hunter2"), false);
    equal(text.includes(btoa("hunter2")), false);
  }
});
