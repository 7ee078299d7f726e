import { equal } from "node:assert/strict";
import { createEngine } from "../../mod.ts";
import { testDeps } from "../../src/testing/mod.ts";

Deno.test("library example: deploy YAML text to the sandbox", async () => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: '1'}\n";
  equal((await engine.deploy({ service: "web", manifests: yaml })).status, "completed");
});
