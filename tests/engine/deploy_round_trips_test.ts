/** The deploy's round trips: what runs at the same time instead of one after the other. */
import { deepEqual, equal, ok } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { memoryLogger, seqIds, startHttpSandbox } from "../../src/testing/mod.ts";
import { configMap, deployment, service } from "../_engine.ts";
import { checkManifestSources } from "../../src/manifests/mod.ts";
import { clusterWith } from "../_cluster_with.ts";

/** The real client, with every call's start and end written to `log` in the order they happen. */
function recording(cluster: ClusterPort, log: string[]): ClusterPort {
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || prop === "discover") return value.bind?.(target) ?? value;
      return async (...args: unknown[]) => {
        const what = `${String(prop)} ${describe(args)}`;
        log.push(`start ${what}`);
        try {
          return await value.apply(target, args);
        } finally {
          log.push(`end ${what}`);
        }
      };
    },
  });
}

function describe(args: unknown[]): string {
  const [first, second] = args as [Record<string, unknown>, unknown];
  if (typeof first === "string") return `${second}`;
  const meta = first?.["metadata"] as { name?: string } | undefined;
  const options = args[1] as { dryRun?: boolean } | undefined;
  return `${first?.["kind"]}/${meta?.name ?? first?.["name"]}${options?.dryRun ? " dry" : ""}`;
}

async function deployRecorded(dryRun = false) {
  const h = await startHttpSandbox({ controllers: { readyDelayMs: 0 } });
  const log: string[] = [];
  const memory = createMemory(new InMemoryMemoryStore(), { clock: h.clock, ids: seqIds("01OCC") });
  const engine = createEngine({
    cluster: recording(h.cluster, log),
    memory,
    clock: h.clock,
    ids: seqIds("01DEP"),
    log: memoryLogger(),
    sleep: h.sleep,
  });
  const manifests = [configMap("web-config"), service("web"), deployment("web", "example/web:1")];
  const result = await engine.deploy({ service: "web", namespace: "default", manifests, dryRun });
  return { h, log, result, engine, manifests };
}

Deno.test("deploy() writes the ApplySet parent while it reads readiness", async () => {
  const { h, log, result } = await deployRecorded();
  await using _ = h;
  equal(result.status, "completed", JSON.stringify(result.error));
  const parentStart = log.indexOf("start apply ConfigMap/applyset-web");
  const parentEnd = log.indexOf("end apply ConfigMap/applyset-web");
  ok(parentStart >= 0 && parentEnd > parentStart, log.join("\n"));
  const readStart = log.findIndex((entry, i) =>
    i > parentStart && /^start (get|list|watch) /.test(entry)
  );
  ok(readStart > parentStart && readStart < parentEnd, log.join("\n"));
  const parent = await h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "applyset-web",
  });
  ok(parent, "the parent is written before the deploy returns");
});

Deno.test("a dry-run deploy() writes no ApplySet parent", async () => {
  const { h, log, result } = await deployRecorded(true);
  await using _ = h;
  equal(result.status, "completed", JSON.stringify(result.error));
  deepEqual(log.filter((entry) => entry.includes("applyset")), []);
});

Deno.test("a first deploy() dry-runs its objects while it reads their live state", async () => {
  const { h, log, result } = await deployRecorded();
  await using _ = h;
  equal(result.status, "completed", JSON.stringify(result.error));
  const dryStart = log.indexOf("start apply Deployment/web dry");
  const readEnd = log.indexOf("end get Deployment/web");
  ok(dryStart >= 0 && readEnd > dryStart, log.join("\n"));
  ok(log.indexOf("start apply Deployment/web") > log.indexOf("end apply Deployment/web dry"));
});

Deno.test("an unchanged redeploy() sends no dry run and reads its objects once", async () => {
  const { h, log, result, engine, manifests } = await deployRecorded();
  await using _ = h;
  equal(result.status, "completed", JSON.stringify(result.error));
  log.length = 0;
  const again = await engine.deploy({ service: "web", namespace: "default", manifests });
  deepEqual(again.resources.map((r) => r.action), ["unchanged", "unchanged", "unchanged"]);
  deepEqual(log.filter((entry) => entry.endsWith(" dry")), []);
  // Read once before applying; their unchanged live state already says they are ready.
  equal(log.filter((entry) => entry === "start get Deployment/web").length, 1, log.join("\n"));
});

Deno.test("deploy() asks for the lock's Lease resource while it reads the manifest files", async () => {
  await using h = await startHttpSandbox({ controllers: { readyDelayMs: 0 } });
  const log: string[] = [];
  const cluster = clusterWith(h.cluster, {
    discover: (apiVersion, kind) => {
      log.push(`discover ${apiVersion} ${kind}`);
      return h.cluster.discover(apiVersion, kind);
    },
  });
  const engine = createEngine({
    cluster,
    memory: createMemory(new InMemoryMemoryStore(), { clock: h.clock, ids: seqIds("01OCC") }),
    clock: h.clock,
    ids: seqIds("01DEP"),
    log: memoryLogger(),
    sleep: h.sleep,
    readManifestFiles: async (_paths, options) => {
      log.push("reading files");
      const text = JSON.stringify(configMap("web-config"));
      return await checkManifestSources([{ name: "web.yaml", text }], options);
    },
  });
  const deploy = (dryRun: boolean) =>
    engine.deploy({ service: "web", namespace: "default", files: ["web.yaml"], dryRun });
  equal((await deploy(true)).status, "completed");
  deepEqual(log.filter((entry) => entry.includes("Lease")), [], "a dry run takes no lock");
  log.length = 0;
  equal((await deploy(false)).status, "completed");
  deepEqual(log.slice(0, 2), ["discover coordination.k8s.io/v1 Lease", "reading files"]);
});
