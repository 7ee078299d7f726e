/**
 * One deploy, four doors: the CLI, `nopea mcp`, `nopea serve` and the library's `openEngine` give
 * the same record for the same deploy, namespace included: with none given, every door deploys to
 * the namespace of the kubeconfig's context.
 */
import { deepEqual, equal } from "node:assert/strict";
import { loadManifestSources } from "../../src/manifests/mod.ts";
import { silentLogger } from "../../src/shared/mod.ts";
import { openEngine } from "../../src/wiring/mod.ts";
import {
  callTool,
  cli,
  comparable,
  type DoorWorld,
  doorWorld,
  mcpClient,
  serve,
} from "./_doors.ts";

const NAMESPACE = "shop";

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;

type Door = (world: DoorWorld) => Promise<unknown>;

const viaCli: Door = async (world) => {
  await world.write("app.yaml", APP);
  const { code, io } = await cli(world, ["deploy", "-f", "app.yaml", "-s", "web", "-o", "json"]);
  equal(code, 0, io.err());
  return JSON.parse(io.out());
};

const viaMcp: Door = async (world) => {
  await world.write("app.yaml", APP);
  await using client = await mcpClient(world);
  const args = { service: "web", manifests: ["app.yaml"], confirm: true };
  const { confirmation, ...result } = await callTool(client, "nopea_deploy", args);
  equal(confirmation, "argument");
  return result;
};

const viaHttp: Door = async (world) => {
  const server = await serve(world);
  try {
    const res = await fetch(`${server.url}/api/deploy`, {
      method: "POST",
      headers: { ...server.headers, "content-type": "application/json" },
      body: JSON.stringify({ service: "web", manifests: APP }),
    });
    equal(res.status, 200);
    return await res.json();
  } finally {
    equal(await server.stop(), 0);
  }
};

const viaLibrary: Door = async (world) => {
  await using nopea = openEngine({ env: world.env, cwd: world.dir, log: silentLogger });
  const manifests = loadManifestSources([{ name: "app.yaml", text: APP }]).objects;
  return await nopea.engine.deploy({ service: "web", manifests: manifests.map((o) => o.object) });
};

/** Deploys through one door into a fresh sandbox and memory. */
async function deployThrough(door: Door): Promise<Record<string, unknown>> {
  await using world = await doorWorld(NAMESPACE);
  return comparable(await door(world)) as Record<string, unknown>;
}

Deno.test("the same deploy through the CLI, MCP, HTTP and the library gives the same record", async () => {
  const library = await deployThrough(viaLibrary);
  equal(library["status"], "completed", JSON.stringify(library));
  equal(library["namespace"], NAMESPACE, "the kubeconfig context's namespace");
  const resources = library["resources"] as { namespace?: string; action: string }[];
  deepEqual(resources.map((r) => [r.namespace, r.action]), [
    [NAMESPACE, "created"],
    [NAMESPACE, "created"],
  ]);
  for (const [name, door] of Object.entries({ cli: viaCli, mcp: viaMcp, http: viaHttp })) {
    deepEqual(await deployThrough(door), library, `${name} differs from the library`);
  }
});
