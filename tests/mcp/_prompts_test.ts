import { deepEqual, equal, match } from "node:assert/strict";
import { mcpHarness } from "./_harness.ts";

function text(result: { messages: { content: { type: string; text?: string } }[] }): string {
  return result.messages.map((m) => m.content.text ?? "").join("\n");
}

Deno.test("prompts guide a safe deploy and an incident", async (t) => {
  await using h = await mcpHarness();
  await t.step("both prompts are listed with their arguments", async () => {
    const { prompts } = await h.client.listPrompts();
    deepEqual(prompts.map((p) => [p.name, p.arguments?.map((a) => a.name)]), [
      ["safe-deploy", ["service", "manifests"]],
      ["incident", ["service"]],
    ]);
  });
  await t.step("safe-deploy goes context, diff, deploy with file paths as an array", async () => {
    const result = await h.client.getPrompt({
      name: "safe-deploy",
      arguments: { service: "web", manifests: "k8s/app.yaml, k8s/db.yaml" },
    });
    match(text(result), /nopea_context[\s\S]*nopea_diff[\s\S]*nopea_deploy/);
    match(text(result), /"manifests": \["k8s\/app.yaml","k8s\/db.yaml"\]/);
    match(text(result), /Never set confirm: true on your own/);
  });
  await t.step("safe-deploy passes YAML text as a string", async () => {
    const result = await h.client.getPrompt({
      name: "safe-deploy",
      arguments: { service: "web", manifests: "apiVersion: v1\nkind: ConfigMap\n" },
    });
    match(text(result), /"manifests": "apiVersion: v1\\nkind: ConfigMap\\n"/);
  });
  await t.step(
    "incident goes status, history, explain, and leaves rollback to a person",
    async () => {
      const result = await h.client.getPrompt({ name: "incident", arguments: { service: "web" } });
      match(text(result), /nopea_status[\s\S]*nopea_history[\s\S]*nopea_explain/);
      match(text(result), /propose nopea_rollback[\s\S]*wait for my decision/);
      match(text(result), /Never set confirm: true on your own/);
    },
  );
});

Deno.test("the incident prompt says when no rollback tool is served", async () => {
  await using h = await mcpHarness({ readOnly: true });
  const result = await h.client.getPrompt({ name: "incident", arguments: { service: "web" } });
  match(text(result), /no rollback tool/);
});

Deno.test("prompts leave out safe-deploy when the deploy tool is not served", async () => {
  await using h = await mcpHarness({ readOnly: true });
  const { prompts } = await h.client.listPrompts();
  deepEqual(prompts.map((p) => p.name), ["incident"]);
  equal((await h.client.listTools()).tools.some((tool) => tool.name === "nopea_deploy"), false);
});
