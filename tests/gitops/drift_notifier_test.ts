import { deepEqual, equal, ok } from "node:assert/strict";
import { MemoryEventSink } from "../../src/events/mod.ts";
import { type DriftNotice, httpDriftNotifier } from "../../src/gitops/mod.ts";
import { memoryLogger } from "../../src/testing/mod.ts";
import { configMapYaml } from "../_apps.ts";
import { INTERVAL_MS, type WatchHarness, watchHarness, webSource } from "./_watch_harness.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };

/** A loopback HTTP receiver of notices that answers 500 to the first `failures` requests. */
function receiver(failures: number) {
  const received: DriftNotice[] = [];
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    requests += 1;
    const notice = await req.json() as DriftNotice;
    if (requests <= failures) return new Response("down", { status: 500 });
    received.push(notice);
    return new Response(null, { status: 204 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hooks/drift`,
    received,
    requests: () => requests,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A `notify` source synced on the harness, with a notifier whose waits are recorded. */
async function notifying(url: string, events?: MemoryEventSink) {
  const waits: number[] = [];
  const log = memoryLogger();
  const notifier = httpDriftNotifier({
    log,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  const w = await watchHarness(
    (repo) => [webSource(repo, { healPolicy: "notify", namespace: "default" })],
    { notifier, notifyUrl: url, ...(events ? { events } : {}) },
  );
  const commit = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  equal((await w.watcher.tick()).get("web")?.kind, "deployed");
  return { w, notifier, waits, log, commit };
}

async function editAndCheck(w: WatchHarness, value = "edited"): Promise<void> {
  await w.harness.h.cluster.patch(CM, { data: { a: value } }, { fieldManager: "kubectl-edit" });
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
}

Deno.test("policy notify POSTs the drift once as JSON, besides the CDEvent, and heals nothing", async () => {
  await using hooks = receiver(0);
  const events = new MemoryEventSink();
  const { w, notifier, commit } = await notifying(hooks.url, events);
  await using _ = w;
  await editAndCheck(w);
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  await notifier.idle();
  equal(hooks.received.length, 1, "once while the drift lasts");
  const [notice] = hooks.received;
  equal(notice?.type, "nopea.drift.detected");
  deepEqual([notice?.source, notice?.service, notice?.namespace], ["web", "web", "default"]);
  equal(notice?.commit, commit);
  equal(notice?.drifted, 1);
  equal(notice?.objects[0]?.key, "ConfigMap/default/web-config");
  deepEqual(notice?.objects[0]?.fields.map((f) => [f.path, f.changed]), [[".data.a", "live"]]);
  ok(!JSON.stringify(notice).includes("edited"), "no values are sent");
  ok(events.events.some((e) => e.context.type === "dev.cdevents.incident.detected.0.1.0"));
  deepEqual((await w.harness.h.cluster.get(CM))?.["data"], { a: "edited" }, "nothing healed");
  await editAndCheck(w, "edited again");
  await notifier.idle();
  equal(hooks.received.length, 1, "the same fields drifted: no new notice");
});

Deno.test("a failing notify endpoint is retried with doubling waits and each failure is logged", async () => {
  await using hooks = receiver(2);
  const { w, notifier, waits, log } = await notifying(hooks.url);
  await using _ = w;
  await editAndCheck(w);
  await notifier.idle();
  deepEqual(waits, [1000, 2000]);
  equal(hooks.requests(), 3);
  equal(hooks.received.length, 1);
  equal(log.records.filter((r) => r.level === "warn" && r.message.includes("attempt")).length, 2);
});

Deno.test("a notify endpoint that never answers well is given up, logged, and the loop goes on", async () => {
  await using hooks = receiver(Infinity);
  const { w, notifier, waits, log } = await notifying(hooks.url);
  await using _ = w;
  await editAndCheck(w);
  await notifier.idle();
  deepEqual(waits, [1000, 2000, 4000, 8000]);
  ok(log.records.some((r) => r.level === "error" && r.message.includes("dropped after 5")));
  ok(!log.records.some((r) => r.message.includes("/hooks/drift")), "the URL's path is not logged");
  const next = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config", 'a: "2"') });
  w.harness.h.advance(INTERVAL_MS);
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "deployed" && outcome.commit === next, JSON.stringify(outcome));
});
