/** `nopea heal <service>`: re-apply what drifted, per policy; exit 1 when the re-apply did not complete. */
import { type Command, Option } from "@commander-js/extra-typings";
import type { HealReport } from "../../engine/mod.ts";
import { healOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { EXIT, exitCodeForStatus } from "../exit_code.ts";
import { withCanaryThreshold, withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

/** Human rendering of a heal report: what was healed, what was skipped and why. */
export function renderHeal(report: HealReport): string {
  const { drift, result } = report;
  const dry = result?.dryRun === true;
  const lines = [
    `Heal of service "${report.service}" (policy ${report.policy}) against deploy ${drift.lastDeployId}: ${
      drift.drifted === 0
        ? "no drift"
        : `${drift.drifted} of ${drift.resources.length} objects drifted`
    }`,
  ];
  for (const key of report.healed) lines.push(`  ${dry ? "would heal" : "healed"}  ${key}`);
  for (const s of report.skipped) lines.push(`  skipped  ${s.key}: ${s.reason}`);
  if (result) {
    lines.push(
      `${
        dry ? "Dry run of the re-apply" : `Re-applied by deploy ${result.deployId}`
      }: ${result.status}`,
    );
    if (result.error) {
      lines.push(`  ${result.error.code}: ${result.error.message}`);
      if (result.error.hint) lines.push(`  hint: ${result.error.hint}`);
    }
    for (const w of result.warnings) lines.push(`  warning: ${w}`);
  }
  return lines.join("\n") + "\n";
}

/** Registers `nopea heal`. */
export function registerHeal(program: Command, ctx: CommandContext): void {
  withOutput(withCanaryThreshold(withConnection(
    program.command("heal").argument("<service>")
      .description("re-apply what someone changed or deleted in the cluster since the last deploy")
      .addOption(
        new Option("--policy <policy>", "auto re-applies; manual and notify only report")
          .choices(["auto", "manual", "notify"] as const).default("auto" as const),
      )
      .option("--grace <duration>", "leave drift younger than this alone, e.g. 5m")
      .option("--dry-run", "server-side dry run of the re-apply: nothing changes"),
  ))).action((service, flags) =>
    showOperation(
      ctx,
      healOperation,
      {
        service,
        policy: flags.policy,
        grace: flags.grace,
        dryRun: flags.dryRun,
      },
      flags,
      {
        render: renderHeal,
        exitCode: (report) => (report.result ? exitCodeForStatus(report.result.status) : EXIT.ok),
      },
    )
  );
}
