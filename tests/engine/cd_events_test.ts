import { deepEqual, equal } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { type CdEvent, MemoryEventSink } from "../../src/events/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { schemaProblems } from "../events/_schema.ts";
import { configMap, deployment } from "../_engine.ts";

function summary(e: CdEvent): [string, string, string, unknown] {
  const nopea = (e.customData?.["nopea"] ?? {}) as Record<string, unknown>;
  return [e.context.type, e.subject.id, e.subject.content.artifactId, nopea["deploy_id"]];
}

Deno.test("engine emits service.deployed, then upgraded, none for a failed deploy, then rolledback", async () => {
  await using deps = await testDeps();
  const events = new MemoryEventSink("/nopea/sandbox");
  const engine = createEngine({ ...deps, events }, { podProblemToleranceMs: 5_000 });
  const deploy = (manifests: KubeObject[], more = {}) =>
    engine.deploy({ service: "web", namespace: "default", manifests, ...more });
  const first = await deploy([deployment("web", "example/web:1.0")]);
  const second = await deploy([deployment("web", "example/web:1.1")]);
  const broken = await deploy([deployment("web", "example/web:broken")]);
  await deploy([deployment("web", "example/web:1.2")], { dryRun: true });
  const back = await engine.rollback({ service: "web" });
  deepEqual([first, second, broken, back].map((r) => r.status), [
    "completed",
    "completed",
    "failed",
    "rolledback",
  ]);
  deepEqual(events.events.map(summary), [
    ["dev.cdevents.service.deployed.0.2.0", "default/web", "example/web:1.0", first.deployId],
    ["dev.cdevents.service.upgraded.0.2.0", "default/web", "example/web:1.1", second.deployId],
    ["dev.cdevents.service.rolledback.0.2.0", "default/web", "example/web:1.1", back.deployId],
  ]);
  for (const e of events.events) {
    deepEqual(schemaProblems(e), []);
    equal(e.context.source, "/nopea/sandbox");
  }
  deepEqual(back.warnings.filter((w) => w.includes("CDEvent")), []);
});

Deno.test("engine announces a service's first deploy per namespace, after a failed one too", async () => {
  await using deps = await testDeps();
  const events = new MemoryEventSink();
  const engine = createEngine({ ...deps, events }, { podProblemToleranceMs: 5_000 });
  const deploy = (namespace: string, manifests: KubeObject[]) =>
    engine.deploy({ service: "web", namespace, manifests });
  equal((await deploy("default", [deployment("web", "example/web:broken")])).status, "failed");
  const fixed = await deploy("default", [deployment("web", "example/web:1.0")]);
  const config = await deploy("kube-system", [configMap("web-config")]);
  deepEqual(
    events.events.map((e) => [e.context.type, e.subject.id, e.subject.content.artifactId]),
    [
      ["dev.cdevents.service.deployed.0.2.0", "default/web", "example/web:1.0"],
      [
        "dev.cdevents.service.deployed.0.2.0",
        "kube-system/web",
        `pkg:generic/kube-system/web@${config.deployId}`,
      ],
    ],
  );
  equal(fixed.status, "completed");
});

Deno.test("engine keeps the result when the event sink throws, with a warning", async () => {
  await using deps = await testDeps();
  const events = {
    source: "/nopea/x",
    emit: () => {
      throw new Error("sink exploded");
    },
    flush: () => Promise.resolve(),
  };
  const engine = createEngine({ ...deps, events });
  const result = await engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("web-config")],
  });
  equal(result.status, "completed");
  deepEqual(result.warnings, ["The deploy's CDEvent was not emitted: sink exploded"]);
  equal((await engine.history({ service: "web" }))[0]?.status, "completed");
});

Deno.test("engine announces nothing for a redeploy that changed nothing", async () => {
  await using deps = await testDeps();
  const events = new MemoryEventSink("/nopea/sandbox");
  const engine = createEngine({ ...deps, events });
  const manifests = [configMap("web-config")];
  const first = await engine.deploy({ service: "web", namespace: "default", manifests });
  const again = await engine.deploy({ service: "web", namespace: "default", manifests });
  deepEqual(again.resources.map((r) => r.action), ["unchanged"]);
  deepEqual(events.events.map(summary).map((s) => [s[0], s[3]]), [
    ["dev.cdevents.service.deployed.0.2.0", first.deployId],
  ]);
});
