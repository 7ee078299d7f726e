/**
 * `cli.ts` as a subprocess under the declared, minimal permissions: a deploy to the sandbox works,
 * and every missing permission is a clear error (what, where, the flag to add), never a stack trace.
 */
import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";
import { ENV_FLAG_VALUE } from "../../src/permissions/mod.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;
/** The environment is cleared; Deno's own cache directory stays where the tests' is. */
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
`;

async function nopea(flags: string[], args: string[], cwd: string, env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...flags, CLI, ...args],
    cwd,
    env: { NO_COLOR: "1", DENO_DIR, ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, text };
}

function noStackTrace(text: string): void {
  ok(!/\n\s+at /.test(text), `no stack trace:\n${text}`);
  ok(!text.includes("NotCapable"), `no raw NotCapable:\n${text}`);
}

async function world() {
  const w = await cliWorld();
  const file = await w.write("app dir/web config.yaml", APP);
  const memory = `${w.dir}/.nopea`;
  const server = `127.0.0.1:${new URL(w.sandbox.url).port}`;
  const env = { KUBECONFIG: w.kubeconfig, NOPEA_MEMORY_DIR: memory, HOME: w.dir };
  const args = ["deploy", "-f", file, "-s", "web"];
  return { w, file, memory, server, env, args };
}

Deno.test("a deploy under the declared permissions (net = the API server only) completes", async () => {
  const { w, file, memory, server, env, args } = await world();
  await using _ = w;
  const flags = [
    `--allow-net=${server}`,
    `--allow-read=${ROOT},${file},${w.kubeconfig},${memory}`,
    `--allow-write=${memory}`,
    `--allow-env=${ENV_FLAG_VALUE}`,
  ];
  const run = await nopea(flags, args, w.dir, env);
  equal(run.code, 0, run.text);
  match(run.text, /Deployed service "web"/);
  const history = await nopea(flags, ["history", "web"], w.dir, env);
  equal(history.code, 0, history.text);
});

Deno.test("missing permissions are named with the flag to add, exit 3, no stack trace", async (t) => {
  const { w, file, memory, server, env, args } = await world();
  await using _ = w;
  const read = `--allow-read=${ROOT},${file},${w.kubeconfig},${memory}`;
  const base = [`--allow-net=${server}`, `--allow-write=${memory}`];
  await t.step("without --allow-env", async () => {
    const run = await nopea([...base, read], args, w.dir, env);
    equal(run.code, 3, run.text);
    match(
      run.text,
      /Error \[PERMISSION_DENIED\]: Cannot read the environment variables KUBECONFIG/,
    );
    match(run.text, /Hint: Add --allow-env=KUBECONFIG,HOME,/);
    noStackTrace(run.text);
  });
  const allowEnv = `--allow-env=${ENV_FLAG_VALUE}`;
  await t.step("without read permission for the kubeconfig", async () => {
    const run = await nopea(
      [...base, allowEnv, `--allow-read=${ROOT},${file},${memory}`],
      args,
      w.dir,
      env,
    );
    equal(run.code, 3, run.text);
    match(
      run.text,
      /Cannot read the kubeconfig ".*kubeconfig": Nopea was run without read permission/,
    );
    match(run.text, new RegExp(`Hint: Add --allow-read=${w.kubeconfig}`));
    noStackTrace(run.text);
  });
  await t.step("without read permission for Nopea's own code", async () => {
    const run = await nopea(
      [...base, allowEnv, `--allow-read=${file},${w.kubeconfig},${memory}`],
      args,
      w.dir,
      env,
    );
    equal(run.code, 3, run.text);
    match(
      run.text,
      /Cannot load Nopea's own code from ".*": Nopea was run without read permission/,
    );
    match(run.text, new RegExp(`Hint: Add --allow-read=${ROOT}`));
    noStackTrace(run.text);
  });
  await t.step("without net permission for the API server", async () => {
    const run = await nopea([`--allow-write=${memory}`, allowEnv, read], args, w.dir, env);
    equal(run.code, 3, run.text);
    match(run.text, new RegExp(`Cannot reach the cluster's API server "${server}"`));
    match(run.text, new RegExp(`Hint: Add --allow-net=${server}`));
    ok(!/VPN/.test(run.text), run.text);
    noStackTrace(run.text);
  });
  await t.step("without write permission for the memory directory", async () => {
    const run = await nopea([`--allow-net=${server}`, allowEnv, read], args, w.dir, env);
    match(run.text, new RegExp(`write permission`));
    match(run.text, new RegExp(`--allow-write=${memory}`));
    noStackTrace(run.text);
  });
});

Deno.test("with all of the network granted, the deploy runs in a worker limited to the API server", async () => {
  const { w, file, memory, env, args } = await world();
  await using _ = w;
  const flags = [
    "--allow-net",
    `--allow-read=${ROOT},${file},${w.kubeconfig},${memory}`,
    `--allow-write=${memory}`,
    `--allow-env=${ENV_FLAG_VALUE}`,
  ];
  const run = await nopea(flags, args, w.dir, env);
  equal(run.code, 0, run.text);
  match(run.text, /Deployed service "web"/);
  ok(!run.text.includes("Warning"), run.text);
});
