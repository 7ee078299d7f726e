/**
 * Start-up of a command run in the network-limited worker: the main thread learns the API server
 * from the kubeconfig with its minimal reader and reads no more of the environment than that; the
 * worker reads the rest and reports what it may not read.
 */
import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";
import { ENV_FLAG_VALUE } from "../../src/permissions/mod.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
const APP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: start-config\ndata:\n  a: b\n";
/** A kubeconfig listed first whose current context is another cluster (nothing listens there). */
const ELSEWHERE = `clusters: [{ name: far, cluster: { server: "https://192.0.2.1:6443" } }]
users: [{ name: far, user: { token: t } }]
contexts: [{ name: far, context: { cluster: far, user: far } }]
current-context: far
`;

async function nopea(flags: string[], args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...flags, CLI, ...args],
    env: { NO_COLOR: "1", DENO_DIR, ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, text };
}

Deno.test("the worker reaches the API server of --context in merged KUBECONFIG files", async () => {
  await using w = await cliWorld();
  const file = await w.write("app.yaml", APP);
  const far = await w.write("far-kubeconfig", ELSEWHERE);
  const env = {
    KUBECONFIG: `${w.dir}/missing:${far}:${w.kubeconfig}`,
    NOPEA_MEMORY_DIR: `${w.dir}/.nopea`,
    HOME: w.dir,
  };
  const flags = ["--allow-net", "--allow-read", "--allow-write", `--allow-env=${ENV_FLAG_VALUE}`];
  const args = ["deploy", "-f", file, "-s", "start", "--context", "nopea-sandbox"];
  const run = await nopea(flags, args, env);
  equal(run.code, 0, run.text);
  match(run.text, /Deployed service "start"/);
});

Deno.test("in the worker, a variable it may not read is named with the flag to add", async () => {
  await using w = await cliWorld();
  const file = await w.write("app.yaml", APP);
  const env = { KUBECONFIG: w.kubeconfig, HOME: w.dir };
  const flags = ["--allow-net", "--allow-read", "--allow-write", "--allow-env=KUBECONFIG,HOME"];
  const run = await nopea(flags, ["deploy", "-f", file, "-s", "start"], env);
  equal(run.code, 3, run.text);
  match(run.text, /Error \[PERMISSION_DENIED\]: Cannot read the environment variables USERPROFILE/);
  match(run.text, /Hint: Add --allow-env=KUBECONFIG,HOME,/);
  ok(!/\n\s+at /.test(run.text), run.text);
});
