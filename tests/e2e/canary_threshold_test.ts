/**
 * The canary threshold is one setting: NOPEA_CANARY_THRESHOLD or --canary-threshold (the flag
 * wins) moves the strategy memory recommends in context and explain and the one deploy uses,
 * through every door.
 */
import { deepEqual, equal } from "node:assert/strict";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import { silentLogger } from "../../src/shared/mod.ts";
import { openEngine, type OpenEngineOptions } from "../../src/wiring/mod.ts";
import { callTool, cli, type DoorWorld, doorWorld, mcpClient, serve } from "./_doors.ts";

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: app, image: "example/web:TAG" }] }
`;

/**
 * A world whose memory holds three deploys of "web": good, failed, good. The last one did not
 * fail, so only the estimated failure rate (between 5% and 90%) decides the strategy.
 */
async function worldWithAFailure(): Promise<DoorWorld> {
  const world = await doorWorld("shop");
  await world.sandbox.cluster.apply(KULTA_CRD, { fieldManager: "test" });
  await world.write("broken.yaml", APP.replace("TAG", "broken"));
  await world.write("good.yaml", APP.replace("TAG", "1.0"));
  await world.write("good2.yaml", APP.replace("TAG", "2.0"));
  for (const [file, code] of [["good.yaml", 0], ["broken.yaml", 1], ["good2.yaml", 0]] as const) {
    const args = ["deploy", "-f", file, "-s", "web", "--strategy", "direct", "--tolerance", "0s"];
    const run = await cli(world, args);
    equal(run.code, code, run.io.out() + run.io.err());
  }
  return world;
}

async function json(world: DoorWorld, args: string[], env: Record<string, string> = {}) {
  const { code, io } = await cli(world, [...args, "-o", "json"], env);
  equal(code, 0, io.err());
  return JSON.parse(io.out());
}

const LOW = "0.05";
const HIGH = "0.9";

Deno.test("the canary threshold moves context, explain and deploy alike", async (t) => {
  await using world = await worldWithAFailure();
  const context = (args: string[] = [], env = {}) => json(world, ["context", "web", ...args], env);
  const explain = (args: string[] = [], env = {}) => json(world, ["explain", "web", ...args], env);
  const deploy = (args: string[] = [], env = {}) =>
    json(world, ["deploy", "-f", "good.yaml", "-s", "web", "--dry-run", ...args], env);
  const all = async (args: string[], env: Record<string, string> = {}) => [
    (await context(args, env)).recommendedStrategy,
    (await explain(args, env)).recommendedStrategy,
    (await deploy(args, env)).strategy,
  ];
  await t.step("NOPEA_CANARY_THRESHOLD", async () => {
    deepEqual(await all([], { NOPEA_CANARY_THRESHOLD: LOW }), ["canary", "canary", "canary"]);
    deepEqual(await all([], { NOPEA_CANARY_THRESHOLD: HIGH }), ["direct", "direct", "direct"]);
  });
  await t.step("--canary-threshold", async () => {
    deepEqual(await all(["--canary-threshold", LOW]), ["canary", "canary", "canary"]);
    deepEqual(await all(["--canary-threshold", HIGH]), ["direct", "direct", "direct"]);
  });
  await t.step("the flag wins over the environment", async () => {
    const env = { NOPEA_CANARY_THRESHOLD: HIGH };
    deepEqual(await all(["--canary-threshold", LOW], env), ["canary", "canary", "canary"]);
  });
});

Deno.test("nopea mcp, nopea serve and openEngine take the canary threshold too", async (t) => {
  await using world = await worldWithAFailure();
  await t.step("nopea mcp --canary-threshold", async () => {
    await using low = await mcpClient(world, ["--canary-threshold", LOW]);
    equal(
      (await callTool(low, "nopea_context", { service: "web" }))["recommendedStrategy"],
      "canary",
    );
    await using client = await mcpClient(world, ["--canary-threshold", HIGH]);
    const context = await callTool(client, "nopea_context", { service: "web" });
    equal(context["recommendedStrategy"], "direct");
    equal(context["namespace"], "shop");
  });
  await t.step("nopea serve --canary-threshold", async () => {
    for (const [threshold, strategy] of [[LOW, "canary"], [HIGH, "direct"]] as const) {
      const server = await serve(world, ["--canary-threshold", threshold]);
      try {
        const res = await fetch(`${server.url}/api/context/web`, { headers: server.headers });
        const context = await res.json();
        equal(context.recommendedStrategy, strategy);
        equal(context.namespace, "shop");
      } finally {
        equal(await server.stop(), 0);
      }
    }
  });
  await t.step("openEngine with NOPEA_CANARY_THRESHOLD, then an explicit option", async () => {
    const base = { cwd: world.dir, log: silentLogger };
    const strategyOf = async (options: OpenEngineOptions) => {
      await using opened = openEngine({ ...base, ...options });
      return (await opened.engine.context({ service: "web" })).recommendedStrategy;
    };
    equal(await strategyOf({ env: { ...world.env, NOPEA_CANARY_THRESHOLD: LOW } }), "canary");
    equal(
      await strategyOf({
        env: { ...world.env, NOPEA_CANARY_THRESHOLD: LOW },
        canaryThreshold: 0.9,
      }),
      "direct",
    );
  });
});
