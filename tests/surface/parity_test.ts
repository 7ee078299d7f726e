/** One operation, three doors: the CLI, MCP and HTTP return the same JSON for the same engine. */
import { deepEqual, equal } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { mcpHarness } from "../mcp/_harness.ts";

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  a: "1"\n';
const CM2 = CM.replace('a: "1"', 'a: "2"');

/** Each operation with its input as each door takes it. */
const CASES: {
  op: string;
  input: Record<string, unknown>;
  cli: string[];
  http: [string, string, unknown?];
}[] = [
  {
    op: "context",
    input: { service: "web" },
    cli: ["context", "web"],
    http: ["GET", "/api/context/web"],
  },
  {
    op: "explain",
    input: { service: "web" },
    cli: ["explain", "web"],
    http: ["GET", "/api/explain/web"],
  },
  {
    op: "history",
    input: { service: "web" },
    cli: ["history", "web"],
    http: ["GET", "/api/history/web"],
  },
  { op: "services", input: {}, cli: ["services"], http: ["GET", "/api/services"] },
  {
    op: "status",
    input: { service: "web" },
    cli: ["status", "web"],
    http: ["GET", "/api/status/web"],
  },
  { op: "health", input: {}, cli: ["health"], http: ["GET", "/health"] },
  {
    op: "drift",
    input: { service: "web" },
    cli: ["drift", "web"],
    http: ["GET", "/api/drift?service=web"],
  },
  {
    op: "diff",
    input: { service: "web", namespace: "default", manifests: CM2 },
    cli: ["diff", "-s", "web", "-n", "default", "-f", "FILE"],
    http: ["POST", "/api/diff", { service: "web", namespace: "default", manifests: CM2 }],
  },
];

Deno.test("every read operation returns identical JSON through the CLI, MCP and HTTP", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  await engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [{
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "web-config" },
      data: { a: "1" },
    }],
  });
  await using mcp = await mcpHarness({ deps });
  const app = createHttpApp(engine);
  const dir = await Deno.makeTempDir();
  const file = `${dir}/cm.yaml`;
  await Deno.writeTextFile(file, CM2);
  try {
    for (const c of CASES) {
      await t.step(c.op, async () => {
        const io = bufferedIo({ cwd: dir });
        const code = await runCli(
          [...c.cli.map((a) => (a === "FILE" ? file : a)), "-o", "json"],
          io,
          { engine: mcp.engine },
        );
        equal(code, c.op === "diff" ? 1 : 0, io.err());
        const viaCli = JSON.parse(io.out());
        const [method, path, body] = c.http;
        const res = await app.request(path, {
          method,
          ...(body
            ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } }
            : {}),
        });
        equal(res.status, 200);
        const viaHttp = await res.json();
        const result = await mcp.call(`nopea_${c.op}`, c.input);
        equal(result.isError ?? false, false);
        const viaMcp = result.structuredContent;
        deepEqual(viaHttp, viaCli, `${c.op}: HTTP and CLI differ`);
        deepEqual(viaMcp, viaCli, `${c.op}: MCP and CLI differ`);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deploy returns the same result through the CLI, MCP and HTTP (dry run)", async () => {
  await using deps = await testDeps();
  await using mcp = await mcpHarness({ deps });
  const app = createHttpApp(mcp.engine);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/cm.yaml`, CM);
    const io = bufferedIo({ cwd: dir });
    const args = [
      "deploy",
      "-s",
      "web",
      "-n",
      "default",
      "-f",
      `${dir}/cm.yaml`,
      "--dry-run",
      "-o",
      "json",
    ];
    equal(await runCli(args, io, { engine: mcp.engine }), 0, io.err());
    const viaCli = JSON.parse(io.out());
    const input = { service: "web", namespace: "default", manifests: CM, dryRun: true };
    const res = await app.request("/api/deploy", {
      method: "POST",
      body: JSON.stringify(input),
      headers: { "content-type": "application/json" },
    });
    const viaHttp = await res.json();
    const { confirmation, ...viaMcp } = (await mcp.call("nopea_deploy", input))
      .structuredContent as Record<string, unknown>;
    equal(confirmation, "not_needed");
    // Ids differ per call: the deploy's, and the uid the server gives each dry-run object.
    const sameId = (r: Record<string, unknown>) => ({
      ...r,
      deployId: "<id>",
      resources: (r["resources"] as Record<string, unknown>[]).map((o) => ({ ...o, uid: "<uid>" })),
    });
    deepEqual(sameId(viaHttp), sameId(viaCli));
    deepEqual(sameId(viaMcp), sameId(viaCli));
    equal(viaCli.status, "completed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("heal with policy notify returns the same report through the CLI, MCP and HTTP", async () => {
  await using deps = await testDeps();
  await using mcp = await mcpHarness({ deps });
  const app = createHttpApp(mcp.engine);
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "web-config" },
    data: { a: "1" },
  };
  await mcp.engine.deploy({ service: "web", namespace: "default", manifests: [cm] });
  const key = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };
  await deps.cluster.patch(key, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  const io = bufferedIo({ cwd: "." });
  const code = await runCli(["heal", "web", "--policy", "notify", "-o", "json"], io, {
    engine: mcp.engine,
  });
  equal(code, 0, io.err());
  const viaCli = JSON.parse(io.out());
  const res = await app.request("/api/heal", {
    method: "POST",
    body: JSON.stringify({ service: "web", policy: "notify" }),
    headers: { "content-type": "application/json" },
  });
  equal(res.status, 200);
  const viaHttp = await res.json();
  const result = await mcp.call("nopea_heal", { service: "web", policy: "notify", confirm: true });
  const { confirmation, ...viaMcp } = result.structuredContent as Record<string, unknown>;
  equal(confirmation, "not_needed", "a report-only heal needs no confirmation");
  deepEqual(viaHttp, viaCli);
  deepEqual(viaMcp, viaCli);
  equal(viaCli.skipped.length, 1);
});
