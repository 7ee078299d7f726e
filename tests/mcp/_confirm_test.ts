import { deepEqual, equal, match, ok } from "node:assert/strict";
import { configMapYaml, mcpHarness } from "./_harness.ts";

const cmKey = (name: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  name,
  namespace: "default",
});

Deno.test("nopea_deploy without elicitation changes nothing until confirm is true", async () => {
  await using h = await mcpHarness();
  const args = { service: "web", namespace: "default", manifests: configMapYaml("web-config") };
  const plan = await h.call("nopea_deploy", args);
  equal(plan.isError, undefined);
  equal(plan.structuredContent?.["confirmation"], "required");
  match(
    plan.content[0]?.type === "text" ? plan.content[0].text : "",
    /Nothing was changed.*confirm: true/s,
  );
  const entries = (plan.structuredContent?.["plan"] as { entries: { action: string }[] }).entries;
  deepEqual(entries.map((e) => e.action), ["create"]);
  equal(await h.deps.cluster.get(cmKey("web-config")), undefined);
  const done = await h.call("nopea_deploy", { ...args, confirm: true });
  equal(done.structuredContent?.["status"], "completed");
  equal(done.structuredContent?.["confirmation"], "argument");
  ok(await h.deps.cluster.get(cmKey("web-config")));
});

Deno.test("nopea_deploy asks the human through elicitation and ignores the confirm argument", async (t) => {
  const cases = [
    {
      name: "accepted with confirm true deploys",
      answer: { action: "accept" as const, content: { confirm: true } },
      confirmation: "elicited",
      deployed: true,
    },
    {
      name: "accepted with confirm false does not",
      answer: { action: "accept" as const, content: { confirm: false } },
      confirmation: "declined",
      deployed: false,
    },
    {
      name: "declined does not",
      answer: { action: "decline" as const },
      confirmation: "declined",
      deployed: false,
    },
    {
      name: "cancelled does not",
      answer: { action: "cancel" as const },
      confirmation: "cancelled",
      deployed: false,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using h = await mcpHarness({ elicit: () => c.answer });
      const result = await h.call("nopea_deploy", {
        service: "web",
        manifests: configMapYaml("web-config"),
        confirm: true,
      });
      equal(result.isError, undefined);
      equal(result.structuredContent?.["confirmation"], c.confirmation);
      equal(h.elicitations.length, 1);
      match(h.elicitations[0]?.message ?? "", /create ConfigMap\/default\/web-config/);
      equal(Boolean(await h.deps.cluster.get(cmKey("web-config"))), c.deployed);
      if (!c.deployed) ok(result.structuredContent?.["plan"]);
    });
  }
});

Deno.test("nopea_deploy runs a dry run without asking", async () => {
  await using h = await mcpHarness({ elicit: () => ({ action: "decline" }) });
  const result = await h.call("nopea_deploy", {
    service: "web",
    manifests: configMapYaml("web-config"),
    dryRun: true,
  });
  equal(result.structuredContent?.["confirmation"], "not_needed");
  equal(result.structuredContent?.["dryRun"], true);
  equal(h.elicitations.length, 0);
  equal(await h.deps.cluster.get(cmKey("web-config")), undefined);
});
