import { deepEqual, equal } from "node:assert/strict";
import { fixedClock } from "../../../src/shared/mod.ts";
import type { RequestScope } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { startHarness } from "./_harness.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const TABLE =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const ns = (plural: string, group = ""): RequestScope => ({
  group,
  version: "v1",
  plural,
  namespace: "shop",
});

async function table(
  h: Awaited<ReturnType<typeof startHarness>>,
  path: string,
): Promise<JsonObject> {
  const res = await h.request(path, { headers: { accept: TABLE } });
  return await res.json();
}
const names = (t: JsonObject) => (t.columnDefinitions as JsonObject[]).map((c) => c.name);
const cells = (t: JsonObject) => (t.rows as JsonObject[]).map((r) => r.cells);

Deno.test("Table output has kubectl's columns for the main kinds", async (t) => {
  await using h = await startHarness({ clock: fixedClock(NOW) });
  const meta = (name: string, ageMs: number) => ({ name, creationTimestamp: ago(ageMs) });
  h.api.create(ns("deployments", "apps"), {
    metadata: meta("api", 5_000),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "api" } },
      template: { spec: { containers: [{ name: "app", image: "api:1" }] } },
    },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  });
  h.api.create(ns("pods"), {
    metadata: meta("api-1", 2 * 86_400_000),
    spec: { containers: [{ name: "a" }, { name: "b" }] },
    status: {
      phase: "Running",
      containerStatuses: [
        { name: "a", ready: true, restartCount: 0, state: { running: {} } },
        {
          name: "b",
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { finishedAt: ago(182_000) } },
        },
      ],
    },
  });
  h.api.create(ns("services"), {
    metadata: meta("web", 60_000),
    spec: {
      type: "LoadBalancer",
      clusterIP: "10.96.0.10",
      ports: [{ port: 80, protocol: "TCP" }, { port: 443, nodePort: 30443, protocol: "TCP" }],
    },
  });
  h.api.create(ns("configmaps"), {
    metadata: meta("cfg", 1_000),
    data: { a: "1", b: "2" },
    binaryData: { c: "AA==" },
  });
  h.api.create({ group: "", version: "v1", plural: "namespaces" }, {
    metadata: meta("shop", 0),
    status: { phase: "Active" },
  });
  h.api.create({ group: "example.com", version: "v1alpha1", plural: "widgets" }, {
    metadata: meta("w", 3_600_000),
  });
  const cases = [
    {
      path: "/apis/apps/v1/namespaces/shop/deployments",
      columns: [
        "Name",
        "Ready",
        "Up-to-date",
        "Available",
        "Age",
        "Containers",
        "Images",
        "Selector",
      ],
      cells: [["api", "2/3", 3, 2, "5s", "app", "api:1", "app=api"]],
    },
    {
      path: "/api/v1/namespaces/shop/pods",
      columns: ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node"],
      cells: [["api-1", "1/2", "CrashLoopBackOff", "4 (3m2s ago)", "2d", "<none>", "<none>"]],
    },
    {
      path: "/api/v1/namespaces/shop/services",
      columns: ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"],
      cells: [[
        "web",
        "LoadBalancer",
        "10.96.0.10",
        "<pending>",
        "80/TCP,443:30443/TCP",
        "60s",
        "<none>",
      ]],
    },
    {
      path: "/api/v1/namespaces/shop/configmaps",
      columns: ["Name", "Data", "Age"],
      cells: [["cfg", 3, "1s"]],
    },
    {
      path: "/api/v1/namespaces",
      columns: ["Name", "Status", "Age"],
      cells: [["shop", "Active", "0s"]],
    },
    { path: "/apis/example.com/v1alpha1/widgets", columns: ["Name", "Age"], cells: [["w", "60m"]] },
  ];
  for (const c of cases) {
    await t.step(c.path, async () => {
      const result = await table(h, c.path);
      deepEqual([result.kind, result.apiVersion], ["Table", "meta.k8s.io/v1"]);
      deepEqual(names(result), c.columns);
      deepEqual(cells(result), c.cells);
    });
  }
  await t.step("wide columns have priority 1", async () => {
    const result = await table(h, "/apis/apps/v1/namespaces/shop/deployments");
    deepEqual((result.columnDefinitions as JsonObject[]).map((c) => c.priority), [
      0,
      0,
      0,
      0,
      0,
      1,
      1,
      1,
    ]);
  });
});

Deno.test("Table Age renders durations like kubectl", async () => {
  await using h = await startHarness({ clock: fixedClock(NOW) });
  const s = 1000, m = 60 * s, hr = 60 * m, d = 24 * hr;
  const ages: [number, string][] = [
    [-1500, "0s"],
    [0, "0s"],
    [119 * s, "119s"],
    [3 * m + 2 * s, "3m2s"],
    [5 * m, "5m"],
    [10 * m + 30 * s, "10m"],
    [3 * hr, "3h"],
    [5 * hr + 30 * m, "5h30m"],
    [30 * hr, "30h"],
    [2 * d, "2d"],
    [3 * d + 5 * hr, "3d5h"],
    [20 * d, "20d"],
    [800 * d, "2y70d"],
    [3000 * d, "8y"],
  ];
  ages.forEach(([ms], i) =>
    h.api.create(ns("configmaps"), { metadata: { name: `c${i}`, creationTimestamp: ago(ms) } })
  );
  const result = await table(h, "/api/v1/namespaces/shop/configmaps");
  deepEqual(cells(result).map((row) => (row as unknown[])[2]), ages.map(([, text]) => text));
});

Deno.test("Table rows carry metadata, the whole object, or nothing per includeObject", async (t) => {
  await using h = await startHarness({ clock: fixedClock(NOW) });
  h.api.create(ns("configmaps"), { kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } });
  const cases = [
    { query: "", kind: "PartialObjectMetadata" },
    { query: "?includeObject=Metadata", kind: "PartialObjectMetadata" },
    { query: "?includeObject=Object", kind: "ConfigMap" },
    { query: "?includeObject=None", kind: undefined },
  ];
  for (const c of cases) {
    await t.step(c.query || "default", async () => {
      const result = await table(h, `/api/v1/namespaces/shop/configmaps/a${c.query}`);
      const object = (result.rows as JsonObject[])[0]?.object as JsonObject | undefined;
      equal(object?.kind, c.kind);
      if (object) equal((object.metadata as JsonObject).name, "a");
    });
  }
});
