/** DESIGN §9: with 5xx, 429 and dropped connections injected, a deploy succeeds or fails classified, never hangs. */
import { equal, ok } from "node:assert/strict";
import { loadManifestFiles } from "../../src/manifests/mod.ts";
import { engineHarness, namespace } from "../_engine.ts";
import { seeded } from "../_seeded.ts";

const FIXTURES = new URL("../fixtures/real-world/", import.meta.url).pathname;
const CLASSIFIED = new Set(["KUBE_SERVER_ERROR", "KUBE_UNREACHABLE", "DEPLOY_TIMEOUT"]);

Deno.test("deploy() of Online Boutique under injected faults completes or fails with a classified error", async () => {
  await using t = await engineHarness({
    sandbox: {
      faults: [{
        verb: "*",
        resource: "*",
        errorRate: 0.1,
        throttleRate: 0.05,
        dropRate: 0.02,
        retryAfterSeconds: 1,
      }],
      random: seeded(42),
      client: { sleep: () => Promise.resolve() },
    },
  });
  const loaded = await loadManifestFiles([`${FIXTURES}online-boutique.yaml`]);
  const result = await t.engine.deploy({
    service: "boutique",
    namespace: "boutique",
    manifests: [namespace("boutique"), ...loaded.objects.map((o) => o.object)],
    timeoutMs: 120_000,
  });
  ok(
    result.status === "completed" || CLASSIFIED.has(result.error?.code ?? ""),
    `unexpected outcome: ${result.status} ${JSON.stringify(result.error)}`,
  );
  const stats = t.h.sandbox.server.faults.stats();
  ok(stats.errors + stats.throttles + stats.drops > 0, "faults were injected");
  equal(result.durationMs <= 120_000 + 5_000, true, "never past the timeout");
});
