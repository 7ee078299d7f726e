import { deepEqual } from "node:assert/strict";
import { settingsOf } from "../../src/kube/kube_cluster_options.ts";
import { AdaptiveLimit } from "../../src/kube/_adaptive_limit.ts";

Deno.test("a KubeCluster starts with its whole concurrency before the server pushes back", () => {
  deepEqual(settingsOf({}).concurrency, { max: 64, initial: 64 });
  deepEqual(settingsOf({ concurrency: 12 }).concurrency, { max: 12, initial: 12 });
  deepEqual(settingsOf({ concurrency: 12, initialConcurrency: 4 }).concurrency, {
    max: 12,
    initial: 4,
  });
});

Deno.test("the default limit takes a first wave of 64 requests at once and halves on pushback", async () => {
  const limit = new AdaptiveLimit(settingsOf({}).concurrency);
  const first = await Promise.all(Array.from({ length: 64 }, () => limit.acquire()));
  deepEqual([limit.active, limit.waiting], [64, 0]);
  first[0]!.release("pushback");
  deepEqual(limit.limit, 32);
  for (const ticket of first.slice(1)) ticket.release("ok");
});
