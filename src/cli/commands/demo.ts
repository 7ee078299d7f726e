/** `nopea demo`: the main job on a fresh machine — a sandbox cluster, Online Boutique, a broken change, memory at work. */
import type { Command } from "@commander-js/extra-typings";
import { parse } from "yaml";
import type { DeployResult } from "../../deploys/mod.ts";
import type { Engine } from "../../engine/mod.ts";
import { KULTA_CRD } from "../../progressive/mod.ts";
import type { KubeObject } from "../../manifests/mod.ts";
import { type Sandbox, startSandbox } from "../../sandbox/mod.ts";
import {
  deployOperation,
  explainOperation,
  historyOperation,
  parseInput,
  promoteOperation,
  type RunContext,
} from "../../surface/mod.ts";
import { openEngine } from "../../wiring/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngineOptions } from "../open_cli_engine.ts";
import { wantsColor } from "../io.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { renderExplanation } from "../render/memory_views.ts";
import { progressRenderer } from "../render/progress.ts";
import { BOUTIQUE_YAML } from "./_boutique.ts";

const SERVICE = "boutique";

function manifests(frontendTag?: string): KubeObject[] {
  const text = frontendTag
    ? BOUTIQUE_YAML.replace(/(frontend):v[0-9.]+/, `$1:${frontendTag}`)
    : BOUTIQUE_YAML;
  const docs = text.split(/^---$/m).map((d) => parse(d) as KubeObject | null).filter((
    d,
  ): d is KubeObject => d !== null);
  return [{ apiVersion: "v1", kind: "Namespace", metadata: { name: SERVICE } }, ...docs];
}

/** Registers `nopea demo`. */
export function registerDemo(program: Command, ctx: CommandContext): void {
  program.command("demo")
    .description("deploy Online Boutique to a sandbox cluster, break it, and watch memory learn")
    .option("--dir <dir>", "where to keep the kubeconfig and the memory (default: a new temp dir)")
    .action(async (flags) => {
      const dir = flags.dir ?? await Deno.makeTempDir({ prefix: "nopea-demo-" });
      const sandbox = await startSandbox({
        controllers: { readyDelayMs: 1500, progressDeadlineSeconds: 20 },
      });
      try {
        await runDemo(ctx, sandbox, dir);
      } finally {
        await sandbox.close();
      }
    });
}

/** Installs KULTA's Rollout CRD and writes the sandbox's kubeconfig; returns its path. */
async function prepareCluster(sandbox: Sandbox, dir: string): Promise<string> {
  const kubeconfig = `${dir}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  await sandbox.cluster.apply(KULTA_CRD, { fieldManager: "demo" });
  return kubeconfig;
}

/** The demo's story, step by step, against a running sandbox. */
async function runDemo(ctx: CommandContext, sandbox: Sandbox, dir: string): Promise<void> {
  const io = ctx.io;
  const color = wantsColor(io);
  const say = (text: string) => io.stdout(`\n${color ? `\x1b[1m${text}\x1b[22m` : text}\n`);
  const kubeconfig = await prepareCluster(sandbox, dir);
  say(
    `1. Started a sandbox cluster at ${sandbox.url} (kubeconfig: ${kubeconfig}), with KULTA's Rollout CRD installed`,
  );
  const memoryDir = `${dir}/.nopea`;
  const { engine } = openEngine({
    ...cliEngineOptions(ctx, { kubeconfig, memoryDir }),
    podProblemToleranceMs: 5_000,
    rolloutPollMs: 1_000,
  });
  const live = (): RunContext => ({
    cwd: io.cwd,
    onProgress: progressRenderer(io, {
      live: io.isTty,
      color,
      now: Date.now,
      ...(io.size ? { size: io.size } : {}),
    }),
  });
  const show = (result: DeployResult): DeployResult => {
    io.stdout(renderDeployResult(result, color));
    return result;
  };
  const deploy = async (objects: KubeObject[], steps?: string) => {
    const input = { service: SERVICE, namespace: SERVICE, manifests: objects, timeout: "60s" };
    const checked = parseInput(deployOperation, { ...input, ...(steps ? { steps } : {}) });
    return show(await deployOperation.run(engine, checked, live()));
  };
  say('2. Deploying Online Boutique (35 objects) as service "boutique"');
  await deploy(manifests());
  say("3. Deploying a change whose frontend image tag is :broken");
  await deploy(manifests("broken"));
  say("4. What memory learned: nopea explain boutique");
  const query = { service: SERVICE, namespace: SERVICE };
  io.stdout(renderExplanation(await explainOperation.run(engine, query, { cwd: io.cwd })));
  say("5. Deploying the good version again: memory picks a canary, which pauses at 50%");
  const canary = await deploy(manifests(), "25,50:pause,100");
  if (canary.status === "progressing") {
    say(`6. Promoting it: nopea promote ${SERVICE}`);
    show(await promoteOperation.run(engine, { target: SERVICE }, live()));
  }
  await summary(io.stdout, engine, dir, memoryDir);
}

async function summary(
  out: (t: string) => void,
  engine: Engine,
  dir: string,
  memoryDir: string,
): Promise<void> {
  const input = { service: SERVICE, limit: 200 };
  const history = (await historyOperation.run(engine, input, { cwd: "." })).deploys;
  out(
    `\nMemory holds ${history.length} deploys of "${SERVICE}": ${
      history.map((h) => h.status).reverse().join(" → ")
    }\n`,
  );
  out(
    `Records: ${memoryDir}/occurrences.ndjson (FALSE occurrences, one per line) and ${memoryDir}/graph.json\n`,
  );
  out(
    `Explore them:\n  nopea history ${SERVICE} --memory-dir ${memoryDir}\n  nopea explain ${SERVICE} --memory-dir ${memoryDir}\n`,
  );
  out(`(The sandbox has stopped; ${dir} holds its kubeconfig and the memory.)\n`);
}
