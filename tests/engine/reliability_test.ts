/**
 * Issue 15: speed must not cost correctness. Under 10% 5xx, 5% 429 (with Retry-After) and 2%
 * dropped connections, a 200-object deploy at full concurrency completes or fails classified, and
 * the cluster holds exactly what was planned: every object applied holds every field asked for
 * and Nopea's labels, and nothing not applied exists.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { isPlainObject, type KubeObject } from "../../src/manifests/mod.ts";
import { configMap, deployment, engineHarness, namespace, service } from "../_engine.ts";
import { seeded } from "../_seeded.ts";

const CLASSIFIED = new Set(["KUBE_SERVER_ERROR", "KUBE_UNREACHABLE", "DEPLOY_TIMEOUT"]);

function manifests(count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i) => {
    if (i % 10 < 4) return configMap(`config-${i}`, { index: String(i) });
    if (i % 10 < 7) return service(`app-${i}`);
    return deployment(`app-${i}`, `example/app-${i}:1`, 1);
  });
}

/** The fields of `asked` that `live` does not hold as asked (paths), lists compared in order. */
function missing(asked: unknown, live: unknown, path = ""): string[] {
  if (Array.isArray(asked)) {
    if (!Array.isArray(live) || live.length !== asked.length) return [path];
    return asked.flatMap((a, i) => missing(a, live[i], `${path}[${i}]`));
  }
  if (isPlainObject(asked)) {
    if (!isPlainObject(live)) return [path];
    return Object.keys(asked).flatMap((k) => missing(asked[k], live[k], `${path}.${k}`));
  }
  return asked === live ? [] : [path];
}

Deno.test("deploy() of 200 objects under 5xx, 429 and dropped connections leaves exactly the plan applied", async () => {
  await using t = await engineHarness({
    sandbox: {
      faults: [{ errorRate: 0.1, throttleRate: 0.05, dropRate: 0.02, retryAfterSeconds: 1 }],
      random: seeded(15),
      client: { sleep: () => Promise.resolve() },
    },
  });
  const objects = manifests(200);
  const result = await t.engine.deploy({
    service: "fleet",
    namespace: "fleet",
    manifests: [namespace("fleet"), ...objects],
    timeoutMs: 300_000,
  });
  ok(
    result.status === "completed" || CLASSIFIED.has(result.error?.code ?? ""),
    `unexpected outcome: ${result.status} ${JSON.stringify(result.error)}`,
  );
  const stats = t.h.sandbox.server.faults.stats();
  ok(stats.errors > 0 && stats.throttles > 0 && stats.drops > 0, JSON.stringify(stats));
  const actions = new Map(result.resources.map((r) => [r.key, r.action]));
  for (const asked of objects) {
    const key = `${asked.kind}${
      asked.kind === "Deployment" ? ".apps" : ""
    }/fleet/${asked.metadata.name}`;
    const live = await t.h.sandbox.cluster.get({
      apiVersion: asked.apiVersion,
      kind: asked.kind,
      namespace: "fleet",
      name: asked.metadata.name!,
    });
    if (actions.get(key) === "created") {
      ok(live, `${key} was reported created`);
      deepEqual(missing({ ...asked, metadata: { name: asked.metadata.name } }, live), [], key);
      equal(live.metadata.labels?.["nopea.io/service"], "fleet", key);
    } else {
      equal(live, undefined, `${key} was reported ${actions.get(key)}`);
    }
  }
  const created = [...actions.values()].filter((a) => a === "created").length;
  if (result.status === "completed") equal(created, objects.length + 1);
});
