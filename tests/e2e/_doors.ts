/**
 * Test helpers: one sandbox cluster over HTTPS per world, a kubeconfig whose context names a
 * namespace, and each of Nopea's doors opened on it the way users open them: `nopea <command>`
 * in-process, `nopea mcp` as a stdio subprocess, `nopea serve` over a real socket, `openEngine`.
 */
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type BufferedIo, bufferedIo, runCli } from "../../src/cli/mod.ts";
import { type Sandbox, startSandbox } from "../../src/sandbox/mod.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** A sandbox, a working directory, and the environment that points every door at them. */
export interface DoorWorld extends AsyncDisposable {
  sandbox: Sandbox;
  dir: string;
  /** `KUBECONFIG` (the sandbox, context namespace as asked) and `NOPEA_MEMORY_DIR`. */
  env: Record<string, string>;
  write(name: string, text: string): Promise<string>;
}

/** Starts a real-time sandbox holding `namespace`, with a kubeconfig whose context names it. */
export async function doorWorld(namespace: string): Promise<DoorWorld> {
  const sandbox = await startSandbox({ controllers: { readyDelayMs: 20 } });
  await sandbox.cluster.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
    { fieldManager: "test" },
  );
  const dir = await Deno.makeTempDir({ prefix: "nopea-doors-" });
  await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig({ namespace }));
  const env = { KUBECONFIG: `${dir}/kubeconfig`, NOPEA_MEMORY_DIR: `${dir}/.nopea` };
  return {
    sandbox,
    dir,
    env,
    async write(name, text) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
      return `${dir}/${name}`;
    },
    async [Symbol.asyncDispose]() {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** `nopea <args>` in-process, in the world's directory with its environment (plus `env`). */
export async function cli(
  world: DoorWorld,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; io: BufferedIo }> {
  const io = bufferedIo({ cwd: world.dir, env: { ...world.env, ...env } });
  return { code: await runCli(args, io), io };
}

/** `nopea mcp <args>` as a subprocess on stdio, with an SDK client connected to it. */
export async function mcpClient(
  world: DoorWorld,
  args: string[] = [],
): Promise<Client & AsyncDisposable> {
  const denoDir = Deno.env.get("DENO_DIR");
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "-q", "-A", "--config", CONFIG, CLI, "mcp", ...args],
    cwd: world.dir,
    env: { NO_COLOR: "1", ...world.env, ...(denoDir ? { DENO_DIR: denoDir } : {}) },
    stderr: "pipe",
  });
  transport.stderr?.on("data", () => {}); // drained, so the child never blocks on a full pipe
  const client = new Client({ name: "doors-test", version: "1" });
  await client.connect(transport);
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

/** Calls an MCP tool; fails the test with the error body when the call is an error. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name, arguments: args }) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, unknown>;
}

/**
 * `nopea serve --port 0 <args>` in-process; `headers` carry the key it made in the memory
 * directory (`<NOPEA_MEMORY_DIR>/api-key`); `stop()` is the Ctrl-C and returns the exit code.
 */
export async function serve(
  world: DoorWorld,
  args: string[] = [],
): Promise<{ url: string; headers: Record<string, string>; stop(): Promise<number> }> {
  const listening = Promise.withResolvers<string>();
  const interrupt = Promise.withResolvers<void>();
  const io = bufferedIo({ cwd: world.dir, env: world.env });
  const code = runCli(["serve", "--port", "0", ...args], {
    ...io,
    stdout: (text) => {
      io.stdout(text);
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url) listening.resolve(url);
    },
    interrupted: () => interrupt.promise,
  });
  code.then(() => listening.reject(new Error(`serve ended early: ${io.err()}`)));
  const url = await listening.promise;
  const key = (await Deno.readTextFile(`${world.env["NOPEA_MEMORY_DIR"]}/api-key`)).trim();
  return { url, headers: { "x-api-key": key }, stop: () => (interrupt.resolve(), code) };
}

/**
 * Fields that differ between two runs of the same deploy: ids, times, durations, and the hash of
 * the applied manifests (they carry the deploy id in the `nopea.io/deploy-id` annotation).
 */
const PER_RUN = new Set([
  "deployId",
  "manifestsHash",
  "uid",
  "resourceVersion",
  "startedAt",
  "finishedAt",
  "durationMs",
]);

/** A result as JSON without what differs per run, for comparing doors. */
export function comparable(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result, (key, value) => (PER_RUN.has(key) ? undefined : value)));
}
