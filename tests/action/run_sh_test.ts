/**
 * The Action's script (`.github/actions/nopea/run.sh`) run as the Action runs it: inputs as
 * environment variables, against the sandbox. Hostile inputs run no command; file names with
 * spaces and glob characters are taken literally; outputs, summary and annotations are written.
 */
import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = `${ROOT}.github/actions/nopea/run.sh`;
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
const config = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

async function action(dir: string, kubeconfig: string, inputs: Record<string, string>) {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: dir,
    DENO_DIR,
    NO_COLOR: "1",
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: `${dir}/output`,
    GITHUB_STEP_SUMMARY: `${dir}/summary.md`,
    NOPEA_MEMORY_DIR: `${dir}/.nopea`,
    NOPEA_CLI: `${ROOT}cli.ts`,
    NOPEA_DENO: Deno.execPath(),
    INPUT_KUBECONFIG: await Deno.readTextFile(kubeconfig),
    ...inputs,
  };
  const out = await new Deno.Command("bash", { args: [SCRIPT], cwd: dir, env, clearEnv: true })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, text };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("the Action's script runs no injected command and takes file names literally", async () => {
  await using world = await cliWorld();
  const spaced = await world.write("app dir/web config.yaml", config("web-config"));
  const globbed = await world.write("lit*.yaml", config("literal-config"));
  await world.write("lit-other.yaml", config("other-config"));
  const hostile = await action(world.dir, world.kubeconfig, {
    INPUT_SERVICE: "web$(touch pwned-1);touch pwned-2`touch pwned-3`",
    INPUT_NAMESPACE: "default; touch pwned-4",
    INPUT_FILES: `${spaced}\n$(touch pwned-5)\n*`,
  });
  equal(hostile.code, 2, hostile.text);
  for (const n of [1, 2, 3, 4, 5]) ok(!(await exists(`${world.dir}/pwned-${n}`)), `pwned-${n}`);

  const run = await action(world.dir, world.kubeconfig, {
    INPUT_SERVICE: "web",
    INPUT_FILES: `${spaced}\n${globbed}\n`,
  });
  equal(run.code, 0, run.text);
  match(run.text, /literal-config/);
  ok(!run.text.includes("other-config"), "the glob was not expanded");
  const output = await Deno.readTextFile(`${world.dir}/output`);
  match(output, /^deploy-id=\w{26}$/m);
  match(output, /^status=completed$/m);
  match(output, /^strategy=direct$/m);
  match(await Deno.readTextFile(`${world.dir}/summary.md`), /### Nopea deploy: completed/);
});

Deno.test("the Action's script annotates a bad manifest with its file and line", async () => {
  await using world = await cliWorld();
  const bad = await world.write(
    "bad.yaml",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n",
  );
  const run = await action(world.dir, world.kubeconfig, { INPUT_SERVICE: "web", INPUT_FILES: bad });
  equal(run.code, 2, run.text);
  match(run.text, new RegExp(`::error file=${bad},line=\\d+,title=Nopea MANIFEST_PARSE::`));
  match(await Deno.readTextFile(`${world.dir}/output`), /^status=error$/m);
});
