/** `nopea deploy` and `nopea diff`: load manifests, then deploy them or show what would change. */
import { type Command, Option } from "@commander-js/extra-typings";
import { renderDiff } from "../../drift/mod.ts";
import type { Strategy } from "../../deploys/mod.ts";
import type { DeploySpec } from "../../engine/mod.ts";
import { loadManifestFiles } from "../../manifests/mod.ts";
import { parseCanarySteps } from "../../strategy/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngine } from "../deps.ts";
import { parseDuration, parseLabels } from "../flags.ts";
import { wantsColor } from "../io.ts";
import { withConnection, withOutput, withSpec } from "./_common.ts";
import { showDeploy } from "./_show_deploy.ts";

interface SpecFlags {
  filename: string[];
  service: string;
  namespace?: string;
  label?: string[];
  forceConflicts?: boolean;
  adopt?: boolean;
}

async function loadSpec(
  ctx: CommandContext,
  flags: SpecFlags,
  namespace: () => string,
): Promise<DeploySpec> {
  const loaded = await loadManifestFiles(flags.filename, {
    stdin: () => ctx.io.readStdin(),
    ...(flags.namespace ? { namespace: flags.namespace } : {}),
  });
  for (const w of loaded.warnings) ctx.io.stderr(`warning: ${w.message}\n`);
  return {
    service: flags.service,
    namespace: flags.namespace ?? namespace(),
    manifests: loaded.objects.map((o) => o.object),
    forceConflicts: flags.forceConflicts ?? false,
    adopt: flags.adopt ?? false,
    ...(flags.label ? { labels: parseLabels(flags.label) } : {}),
  };
}

/** Registers `nopea deploy`. */
export function registerDeploy(program: Command, ctx: CommandContext): void {
  const cmd = withSpec(
    program.command("deploy")
      .description("deploy manifests as a service: apply, wait until ready, verify, remember"),
  )
    .addOption(
      new Option("--strategy <strategy>", "rollout strategy (default: memory decides)").choices(
        ["direct", "canary", "blue_green"] as const,
      ),
    )
    .option("--timeout <duration>", "how long to wait for readiness", "5m")
    .option(
      "--tolerance <duration>",
      "how long an ImagePullBackOff/CrashLoopBackOff is tolerated",
      "60s",
    )
    .option("--dry-run", "server-side dry run: change nothing, remember nothing")
    .option("--no-wait", "canary/blue-green: return `progressing` once applied")
    .option("--steps <steps>", "canary steps, e.g. 10,25:pause,50:5m,100 (default 10,25,50,100)")
    .option("--http-route <name>", "canary/blue-green: the Gateway API HTTPRoute KULTA weighs")
    .option("--adopt", "take over objects that another tool manages")
    .option("--create-namespace", "create the target namespace if the manifests do not hold it");
  withOutput(withConnection(cmd)).action(async (flags) => {
    ctx.json = flags.output === "json";
    const tolerance = parseDuration(flags.tolerance, "--tolerance");
    const timeoutMs = parseDuration(flags.timeout, "--timeout");
    const canarySteps = flags.steps ? parseCanarySteps(flags.steps) : undefined;
    const { engine, contextNamespace, flush } = cliEngine(ctx.io, flags, {
      podProblemToleranceMs: tolerance,
    }, ctx.engine);
    const spec: DeploySpec = {
      ...(await loadSpec(ctx, flags, contextNamespace)),
      timeoutMs,
      dryRun: flags.dryRun ?? false,
      ...(flags.createNamespace ? { createNamespace: true } : {}),
      ...(flags.wait === false ? { wait: false } : {}),
      ...(canarySteps ? { canarySteps } : {}),
      ...(flags.httpRoute ? { httpRoute: flags.httpRoute } : {}),
      ...(flags.strategy ? { strategy: flags.strategy as Strategy } : {}),
    };
    const stop = new AbortController();
    ctx.io.interrupted?.().then(() => {
      ctx.io.stderr("\nInterrupted: stopping; the deploy is recorded as interrupted\n");
      stop.abort();
    });
    await showDeploy(
      ctx,
      flags,
      (onEvent) => engine.deploy(spec, { signal: stop.signal, ...(onEvent ? { onEvent } : {}) }),
    );
    await flush();
  });
}

/** Registers `nopea diff`. */
export function registerDiff(program: Command, ctx: CommandContext): void {
  const cmd = withSpec(
    program.command("diff").description(
      "show what a deploy would change (server-side dry run); exit 1 when something would",
    ),
  );
  withOutput(withConnection(cmd)).action(async (flags) => {
    ctx.json = flags.output === "json";
    const { engine, contextNamespace } = cliEngine(ctx.io, flags, {}, ctx.engine);
    const diff = await engine.diff(await loadSpec(ctx, flags, contextNamespace));
    if (flags.output === "json") {
      ctx.io.stdout(JSON.stringify(diff, null, 2) + "\n");
    } else {
      ctx.io.stdout(renderDiff(diff.entries, { color: wantsColor(ctx.io) }));
      for (const w of diff.warnings) ctx.io.stderr(`warning: ${w}\n`);
    }
    ctx.exitCode = diff.changes > 0 ? 1 : 0;
  });
}
