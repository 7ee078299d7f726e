/** `nopea sandbox` as users run it: a subprocess serving kubectl, stopped by Ctrl-C, state saved. */
import { equal, match, ok } from "node:assert/strict";

const KUBECTL = new Deno.Command("kubectl", {
  args: ["version", "--client"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success, () => false);
const CLI = new URL("../../cli.ts", import.meta.url).pathname;

async function kubectl(
  kubeconfig: string,
  args: string[],
  stdin?: string,
): Promise<{ code: number; out: string }> {
  const child = new Deno.Command("kubectl", {
    args: ["--kubeconfig", kubeconfig, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, out: text };
}

/** Reads the child's stdout until a line matches. */
async function readUntil(
  reader: ReadableStreamDefaultReader<string>,
  pattern: RegExp,
): Promise<string> {
  let seen = "";
  while (!pattern.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`output ended before ${pattern}: ${seen}`);
    seen += value;
  }
  return seen;
}

Deno.test({
  name: `nopea sandbox serves kubectl, and saves its state on Ctrl-C${
    (await KUBECTL) ? "" : " (skipped: kubectl is not on PATH)"
  }`,
  ignore: !(await KUBECTL),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "nopea-sandbox-cli-" });
    const kubeconfig = `${dir}/kubeconfig`;
    const state = `${dir}/state.json`;
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        CLI,
        "sandbox",
        "--kubeconfig-out",
        kubeconfig,
        "--state",
        state,
        "--ready-delay",
        "10ms",
      ],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    try {
      match(
        await readUntil(reader, /Press Ctrl-C to stop/),
        /Sandbox cluster serving at https:\/\/127\.0\.0\.1:\d+/,
      );
      const ns = await kubectl(kubeconfig, ["get", "namespaces", "-o", "name"]);
      equal(ns.code, 0, ns.out);
      match(ns.out, /namespace\/default/);
      const cm =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  namespace: default\ndata:\n  a: "1"\n';
      const applied = await kubectl(kubeconfig, ["apply", "--server-side", "-f", "-"], cm);
      equal(applied.code, 0, applied.out);
      match(applied.out, /configmap\/kept serverside-applied/);
      const conflict = await kubectl(kubeconfig, [
        "apply",
        "--server-side",
        "--field-manager",
        "other",
        "-f",
        "-",
      ], cm.replace('"1"', '"2"'));
      equal(conflict.code, 1);
      match(conflict.out, /conflict/i);
      child.kill("SIGINT");
      match(await readUntil(reader, /Sandbox stopped/), /state saved/);
      ok(
        JSON.stringify(JSON.parse(await Deno.readTextFile(state))).includes('"kept"'),
        "the ConfigMap is in the saved state",
      );
    } finally {
      await reader.cancel().catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
      await child.status;
      await child.stderr.cancel().catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
