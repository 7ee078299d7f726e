/** `nopea drift <service>`: what moved since the last deploy; exit 1 when anything did. */
import type { Command } from "@commander-js/extra-typings";
import type { DriftReport } from "../../engine/mod.ts";
import { driftOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v));

/** Human rendering of a drift report. */
export function renderDrift(report: DriftReport): string {
  const lines = [
    `Drift of service "${report.service}" against deploy ${report.lastDeployId}: ${
      report.drifted === 0 ? "none" : `${report.drifted} of ${report.resources.length} objects`
    }`,
  ];
  for (const r of report.resources.filter((x) => x.drift !== "no_drift")) {
    lines.push(`  ${r.drift.padEnd(15)} ${r.key}`);
    for (const f of r.fields.slice(0, 20)) {
      lines.push(
        `    ${f.path}: last ${show(f.last)}, desired ${show(f.desired)}, live ${show(f.live)}` +
          (f.owners.length ? ` (owned by ${f.owners.join(", ")})` : ""),
      );
    }
  }
  return lines.join("\n") + "\n";
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `nopea drift`. */
export function registerDrift(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("drift").argument("<service>")
      .description("compare the last deploy, the manifests (-f) and the cluster; exit 1 on drift")
      .option("-f, --filename <path>", "the manifests as they are now (repeatable)", collect)
      .option("-n, --namespace <ns>", "namespace for manifests that name none"),
  )).action((service, flags) =>
    showOperation(
      ctx,
      driftOperation,
      {
        service,
        namespace: flags.namespace,
        manifests: flags.filename,
      },
      flags,
      {
        render: renderDrift,
        exitCode: (report) => (report.drifted > 0 ? 1 : 0),
      },
    )
  );
}
