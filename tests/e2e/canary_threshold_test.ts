/**
 * The canary threshold is one setting: NOPEA_CANARY_THRESHOLD or --canary-threshold (the flag
 * wins) moves the strategy memory recommends in context and explain and the one deploy uses,
 * through every door.
 */
import { equal } from "node:assert/strict";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import { silentLogger } from "../../src/shared/mod.ts";
import { openEngine } from "../../src/wiring/mod.ts";
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

/** A world whose memory holds one failed deploy of "web" (ErrImagePull, confidence 0.5). */
async function worldWithAFailure(): Promise<DoorWorld> {
  const world = await doorWorld("shop");
  await world.sandbox.cluster.apply(KULTA_CRD, { fieldManager: "test" });
  await world.write("broken.yaml", APP.replace("TAG", "broken"));
  await world.write("good.yaml", APP.replace("TAG", "1.0"));
  const failed = await cli(world, [
    "deploy",
    "-f",
    "broken.yaml",
    "-s",
    "web",
    "--tolerance",
    "0s",
  ]);
  equal(failed.code, 1, failed.io.out() + failed.io.err());
  return world;
}

async function json(world: DoorWorld, args: string[], env: Record<string, string> = {}) {
  const { code, io } = await cli(world, [...args, "-o", "json"], env);
  equal(code, 0, io.err());
  return JSON.parse(io.out());
}

const HIGH = { NOPEA_CANARY_THRESHOLD: "0.9" };

Deno.test("the canary threshold moves context, explain and deploy alike", async (t) => {
  await using world = await worldWithAFailure();
  const context = (args: string[] = [], env = {}) => json(world, ["context", "web", ...args], env);
  const explain = (args: string[] = [], env = {}) => json(world, ["explain", "web", ...args], env);
  const deploy = (args: string[] = [], env = {}) =>
    json(world, ["deploy", "-f", "good.yaml", "-s", "web", "--dry-run", ...args], env);
  await t.step("by default (0.15) a failure with confidence 0.5 means canary", async () => {
    equal((await context()).recommendedStrategy, "canary");
    equal((await explain()).recommendedStrategy, "canary");
    equal((await deploy()).strategy, "canary");
  });
  await t.step("NOPEA_CANARY_THRESHOLD=0.9 means direct", async () => {
    equal((await context([], HIGH)).recommendedStrategy, "direct");
    equal((await explain([], HIGH)).recommendedStrategy, "direct");
    equal((await deploy([], HIGH)).strategy, "direct");
  });
  await t.step("--canary-threshold 0.9 means direct", async () => {
    const flag = ["--canary-threshold", "0.9"];
    equal((await context(flag)).recommendedStrategy, "direct");
    equal((await explain(flag)).recommendedStrategy, "direct");
    equal((await deploy(flag)).strategy, "direct");
  });
  await t.step("the flag wins over the environment", async () => {
    const flag = ["--canary-threshold", "0.2"];
    equal((await context(flag, HIGH)).recommendedStrategy, "canary");
    equal((await deploy(flag, HIGH)).strategy, "canary");
  });
});

Deno.test("nopea mcp, nopea serve and openEngine take the canary threshold too", async (t) => {
  await using world = await worldWithAFailure();
  await t.step("nopea mcp --canary-threshold 0.9", async () => {
    await using client = await mcpClient(world, ["--canary-threshold", "0.9"]);
    const context = await callTool(client, "nopea_context", { service: "web" });
    equal(context["recommendedStrategy"], "direct");
    equal(context["namespace"], "shop");
  });
  await t.step("nopea serve --canary-threshold 0.9", async () => {
    const server = await serve(world, ["--canary-threshold", "0.9"]);
    try {
      const context = await (await fetch(`${server.url}/api/context/web`)).json();
      equal(context.recommendedStrategy, "direct");
      equal(context.namespace, "shop");
    } finally {
      equal(await server.stop(), 0);
    }
  });
  await t.step("openEngine with NOPEA_CANARY_THRESHOLD, then an explicit option", async () => {
    const base = { cwd: world.dir, log: silentLogger };
    await using fromEnv = openEngine({ ...base, env: { ...world.env, ...HIGH } });
    equal((await fromEnv.engine.context({ service: "web" })).recommendedStrategy, "direct");
    await using explicit = openEngine({ ...base, env: world.env, canaryThreshold: 0.9 });
    equal((await explicit.engine.context({ service: "web" })).recommendedStrategy, "direct");
    await using byDefault = openEngine({ ...base, env: world.env });
    equal((await byDefault.engine.context({ service: "web" })).recommendedStrategy, "canary");
  });
});
