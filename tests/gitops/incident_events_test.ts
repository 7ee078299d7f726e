import { equal, ok } from "node:assert/strict";
import { MemoryEventSink } from "../../src/events/mod.ts";
import { configMapYaml } from "../_apps.ts";
import { INTERVAL_MS, watchHarness, webSource } from "./_watch_harness.ts";

const INCIDENT = "dev.cdevents.incident.detected.0.1.0";
const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };

const nopeaData = (e: { customData?: Readonly<Record<string, unknown>> }) =>
  e.customData?.["nopea"] as Record<string, string>;

Deno.test("drift sends one incident.detected CDEvent while it lasts, naming the service and commit", async () => {
  const sink = new MemoryEventSink();
  await using w = await watchHarness(
    (repo) => [webSource(repo, { healPolicy: "notify", namespace: "default" })],
    { events: sink },
  );
  const commit = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  await w.watcher.tick();
  await w.harness.h.cluster.patch(CM, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  for (let i = 0; i < 3; i++) {
    w.harness.h.advance(INTERVAL_MS);
    await w.watcher.tick();
  }
  const incidents = sink.events.filter((e) => e.context.type === INCIDENT);
  equal(incidents.length, 1, "sent once, not at every poll");
  const [drift] = incidents;
  equal(drift?.subject.type, "incident");
  equal(nopeaData(drift!)["kind"], "drift");
  equal(nopeaData(drift!)["commit"], commit);
  ok(drift?.subject.content.artifactId.endsWith(`@${commit}`));
  const content = drift?.subject.content as { service?: { id: string }; description: string };
  equal(content.service?.id, "default/web");
  ok(content.description.includes("ConfigMap/default/web-config"), content.description);
});

Deno.test("a failed sync sends an incident.detected CDEvent with the reason", async () => {
  const sink = new MemoryEventSink();
  await using w = await watchHarness(undefined, { events: sink });
  await w.repo.commit({ "k8s/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n" });
  await w.watcher.tick();
  const [failed] = sink.events.filter((e) => e.context.type === INCIDENT);
  equal(nopeaData(failed!)["kind"], "sync_failed");
  equal(nopeaData(failed!)["reason"], "ManifestsInvalid");
});
