/** The GitHub Action's script with the cluster store: memory survives jobs without any cache. */
import { equal, match } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";
import { configMapYaml } from "../_apps.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = `${ROOT}.github/actions/nopea/run.sh`;
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;

/** One job of the Action: a fresh memory directory, the script run with its permissions. */
async function job(dir: string, kubeconfig: string, memoryDir: string, files: string) {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: dir,
    DENO_DIR,
    NO_COLOR: "1",
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: `${dir}/output`,
    GITHUB_STEP_SUMMARY: `${dir}/summary.md`,
    NOPEA_MEMORY_DIR: memoryDir,
    NOPEA_MEMORY_STORE: "cluster",
    NOPEA_CLI: `${ROOT}cli.ts`,
    NOPEA_DENO: Deno.execPath(),
    INPUT_KUBECONFIG: await Deno.readTextFile(kubeconfig),
    INPUT_SERVICE: "web",
    INPUT_FILES: files,
  };
  const out = await new Deno.Command("bash", { args: [SCRIPT], cwd: dir, env, clearEnv: true })
    .output();
  return { code: out.code, text: new TextDecoder().decode(out.stdout) };
}

Deno.test("a second Action job with an empty .nopea/ knows the first job's deploy", async () => {
  await using world = await cliWorld();
  const file = await world.write("app.yaml", configMapYaml("web"));
  const first = await job(world.dir, world.kubeconfig, `${world.dir}/job-1`, file);
  equal(first.code, 0, first.text);
  const second = await job(world.dir, world.kubeconfig, `${world.dir}/job-2`, file);
  equal(second.code, 0, second.text);
  const history = await world.run(["history", "web", "-o", "json"], {
    env: { NOPEA_MEMORY_DIR: `${world.dir}/job-3`, NOPEA_MEMORY_STORE: "cluster" },
  });
  equal(history.code, 0, history.io.err());
  equal(JSON.parse(history.io.out()).deploys.length, 2);
  match(first.text, /"status": ?"completed"/);
});
