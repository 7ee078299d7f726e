/** `nopea unlock <service>`: removes a deploy lock (Lease) a gone deploy left behind. */
import type { Command } from "@commander-js/extra-typings";
import type { UnlockResult } from "../../lock/mod.ts";
import { unlockOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

/** Human rendering of what `nopea unlock` did. */
export function renderUnlock(result: UnlockResult): string {
  const lease = `lease "${result.lease}" in namespace "${result.namespace}"`;
  if (!result.removed) return `Service "${result.service}" is not locked (no ${lease})\n`;
  const holder = result.holder ? ` held by ${result.holder}` : "";
  const state = result.fresh ? "still renewed, removed by --force" : "expired";
  return `Removed ${lease}${holder} (${state})\n`;
}

/** Registers `nopea unlock <service> [-n ns] [--force]`. */
export function registerUnlock(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("unlock").argument("<service>")
      .description("remove a service's deploy lock left by a deploy that is gone")
      .option("-n, --namespace <ns>", "the deploy's namespace (default: the context's)")
      .option("--force", "remove the lock even while its holder still renews it"),
  )).action((service, flags) =>
    showOperation(
      ctx,
      unlockOperation,
      {
        service,
        namespace: flags.namespace,
        force: flags.force,
      },
      flags,
      { render: renderUnlock },
    )
  );
}
