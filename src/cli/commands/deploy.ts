/** `nopea deploy` and `nopea diff`: the catalogue's deploy and diff operations, from flags. */
import { type Command, Option } from "@commander-js/extra-typings";
import { renderDiff } from "../../drift/mod.ts";
import { loadYamlReader } from "../../manifests/mod.ts";
import { deployOperation, diffOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { exitCodeForResult } from "../exit_code.ts";
import { parseLabels } from "../flags.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { withCanaryThreshold, withConnection, withOutput, withSpec } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

interface SpecFlags {
  filename: string[];
  service: string;
  namespace?: string | undefined;
  label?: string[] | undefined;
  forceConflicts?: boolean | undefined;
  prune?: boolean | undefined;
}

/** The input both operations share: what to deploy, and where. */
function specInput(flags: SpecFlags): Record<string, unknown> {
  return {
    service: flags.service,
    namespace: flags.namespace,
    manifests: flags.filename,
    forceConflicts: flags.forceConflicts,
    labels: flags.label ? parseLabels(flags.label) : undefined,
    prune: flags.prune,
  };
}

function deployCommand(program: Command) {
  const cmd = withSpec(
    program.command("deploy")
      .description("deploy manifests as a service: apply, wait until ready, verify, remember"),
  )
    .addOption(
      new Option("--strategy <strategy>", "rollout strategy (default: memory decides)").choices(
        ["direct", "canary", "blue_green"] as const,
      ),
    )
    .option(
      "--timeout <duration>",
      "how long to wait for readiness (default: $NOPEA_TIMEOUT, then 5m)",
    )
    .option(
      "--tolerance <duration>",
      "how long an ImagePullBackOff/CrashLoopBackOff is tolerated (default: $NOPEA_TOLERANCE, then 60s)",
    )
    .option("--dry-run", "server-side dry run: change nothing, remember nothing")
    .option("--no-wait", "canary/blue-green: return `progressing` once applied")
    .option("--steps <steps>", "canary steps, e.g. 10,25:pause,50:5m,100 (default 10,25,50,100)")
    .option("--http-route <name>", "canary/blue-green: the Gateway API HTTPRoute KULTA weighs")
    .option("--adopt", "take over objects that another tool manages")
    .option("--create-namespace", "create the target namespace if the manifests do not hold it")
    .option("--atomic", "when the deploy fails, roll back to the last completed deploy by itself")
    .option("--rollback-on-failure", "the same as --atomic");
  return withOutput(withCanaryThreshold(withConnection(cmd)));
}

/** Registers `nopea deploy`. */
export function registerDeploy(program: Command, ctx: CommandContext): void {
  deployCommand(program).action((flags) =>
    showOperation(
      ctx,
      deployOperation,
      {
        ...specInput(flags),
        adopt: flags.adopt,
        strategy: flags.strategy,
        dryRun: flags.dryRun,
        createNamespace: flags.createNamespace,
        wait: flags.wait === false ? false : undefined,
        steps: flags.steps,
        httpRoute: flags.httpRoute,
        atomic: flags.atomic || flags.rollbackOnFailure,
      },
      flags,
      {
        render: renderDeployResult,
        exitCode: exitCodeForResult,
        progress: true,
        interruptible: true,
      },
    )
  );
}

/** Registers `nopea diff`. */
export function registerDiff(program: Command, ctx: CommandContext): void {
  const cmd = withSpec(
    program.command("diff").description(
      "show what a deploy would change (server-side dry run); exit 1 when something would",
    ),
  ).option("--show-unchanged", "also list the objects a deploy would leave as they are");
  withOutput(withConnection(cmd)).action(async (flags) => {
    // The YAML of the text diffs: the `yaml` package, which a deploy of plain YAML never loads.
    if (flags.output === "text") await loadYamlReader();
    await showOperation(
      ctx,
      diffOperation,
      {
        ...specInput(flags),
        // Text shows YAML diffs of whole objects; JSON is the compact answer, in one piece.
        objects: flags.output === "text",
        maxBytes: 0,
        showUnchanged: flags.showUnchanged ?? false,
      },
      flags,
      {
        render: (diff, color) =>
          renderDiff(diff.entries, {
            color,
            hiddenUnchanged: flags.showUnchanged ? 0 : diff.unchanged,
          }),
        warnings: (diff) => diff.warnings,
        exitCode: (diff) => (diff.changes > 0 ? 1 : 0),
      },
    );
  });
}
