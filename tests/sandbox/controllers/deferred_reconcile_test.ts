import { deepEqual, equal } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { deployment, type Harness, harness, meta } from "./_harness.ts";

const REPLICA_SETS = { group: "apps", version: "v1", plural: "replicasets", namespace: "default" };

/** ReplicaSets as stored, without a read through the API (which would settle the queue first). */
function storedReplicaSets(h: Harness): JsonObject[] {
  return h.core.controllerApi().list("apps", "ReplicaSet", "default");
}

function listedReplicaSets(h: Harness): JsonObject[] {
  return (h.core.list(REPLICA_SETS)["items"] as JsonObject[]) ?? [];
}

/** A harness whose scheduler runs in real time, as `startSandbox` runs it. */
function realTimeHarness(): Harness {
  const h = harness({ readyDelayMs: 0 });
  h.core.startTimer();
  return h;
}

Deno.test("in real time the controllers answer a write first and reconcile after it", () => {
  const h = realTimeHarness();
  try {
    h.apply(deployment("web", "nginx:1.25", 1));
    deepEqual(storedReplicaSets(h), []);
    const listed = listedReplicaSets(h);
    equal(listed.length, 1);
    equal(meta(listed[0]!)["name"], storedReplicaSets(h).map((rs) => meta(rs)["name"])[0]);
  } finally {
    h.controllers.stop();
    h.core.stopTimer();
  }
});

Deno.test("writes made before the controllers run are reconciled once, with the latest spec", () => {
  const h = realTimeHarness();
  try {
    h.apply(deployment("web", "nginx:1.25", 1));
    h.apply(deployment("web", "nginx:1.26", 1));
    const images = listedReplicaSets(h).map((rs) => {
      const template = (rs["spec"] as JsonObject)["template"] as JsonObject;
      return ((template["spec"] as JsonObject)["containers"] as JsonObject[])[0]!["image"];
    });
    deepEqual(images, ["nginx:1.26"]);
  } finally {
    h.controllers.stop();
    h.core.stopTimer();
  }
});

Deno.test("a watcher sees the controllers' writes after the write that caused them, with no read", async () => {
  const h = realTimeHarness();
  const seen: string[] = [];
  let stopWatch = () => {};
  try {
    const added = new Promise<void>((resolve) => {
      stopWatch = h.core.watch(REPLICA_SETS, {}, (event) => {
        seen.push(event.type);
        if (event.type === "ADDED") resolve();
      });
    });
    const written = h.apply(deployment("web", "nginx:1.25", 1));
    equal(seen.length, 0);
    await added;
    const rs = storedReplicaSets(h)[0]!;
    equal(Number(meta(rs)["resourceVersion"]) > Number(meta(written)["resourceVersion"]), true);
  } finally {
    stopWatch();
    h.controllers.stop();
    h.core.stopTimer();
  }
});

Deno.test("with time driven by hand the controllers still reconcile within the write", () => {
  const h = harness({ readyDelayMs: 0 });
  h.apply(deployment("web", "nginx:1.25", 1));
  equal(storedReplicaSets(h).length, 1);
  h.controllers.stop();
});
