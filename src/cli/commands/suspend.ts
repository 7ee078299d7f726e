/** `nopea suspend <service>` / `nopea resume <service>`: stop and restart `nopea watch` syncing it. */
import type { Command } from "@commander-js/extra-typings";
import type { SyncSuspension } from "../../engine/mod.ts";
import { resumeOperation, suspendOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

/** Human rendering of a suspension. */
export function renderSuspension(s: SyncSuspension): string {
  if (!s.suspended) {
    return `Syncing of service "${s.service}" in namespace "${s.namespace}" is resumed: ` +
      "nopea watch syncs it at its next poll\n";
  }
  return `Syncing of service "${s.service}" in namespace "${s.namespace}" is suspended since ` +
    `${s.since ?? "now"}${
      s.reason ? ` (${s.reason})` : ""
    }: nopea watch neither deploys nor heals ` +
    `it until \`nopea resume ${s.service}\`\n`;
}

/** Registers `nopea suspend` and `nopea resume`. */
export function registerSuspend(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("suspend").argument("<service>")
      .description("stop nopea watch from deploying and healing a service until resume")
      .option("-n, --namespace <ns>", "the service's namespace (default: its last deploy's)")
      .option("--reason <text>", "why, shown in the watch's status"),
  )).action((service, flags) =>
    showOperation(
      ctx,
      suspendOperation,
      {
        service,
        namespace: flags.namespace,
        reason: flags.reason,
      },
      flags,
      { render: renderSuspension },
    )
  );
  withOutput(withConnection(
    program.command("resume").argument("<service>")
      .description("let nopea watch deploy and heal a suspended service again")
      .option("-n, --namespace <ns>", "the service's namespace (default: its last deploy's)"),
  )).action((service, flags) =>
    showOperation(ctx, resumeOperation, { service, namespace: flags.namespace }, flags, {
      render: renderSuspension,
    })
  );
}
