/** `nopea promote` and `nopea rollback`: move a service forward through KULTA, or back to a good deploy. */
import type { Command } from "@commander-js/extra-typings";
import { promoteOperation, rollbackOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { exitCodeForResult } from "../exit_code.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { withCanaryThreshold, withConnection, withOutput } from "./_common.ts";
import { type OperationView, showOperation } from "./_run_operation.ts";
import type { DeployResult } from "../../deploys/mod.ts";

/** Deploy, promote and rollback all show the live progress, then the result. */
const DEPLOY_VIEW: OperationView<DeployResult> = {
  render: renderDeployResult,
  exitCode: exitCodeForResult,
  progress: true,
};

/** Registers `nopea promote <deployId|service>` and `nopea rollback <service> [--to <deployId>]`. */
export function registerProgressive(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("promote").argument("<target>", "the progressing deploy's id, or the service")
      .description("promote a canary or blue-green deploy that waits for promotion")
      .option("-n, --namespace <ns>", "with a service: its deploys to this namespace"),
  )).action((target, flags) =>
    showOperation(ctx, promoteOperation, { target, namespace: flags.namespace }, flags, DEPLOY_VIEW)
  );
  withOutput(withCanaryThreshold(withConnection(
    program.command("rollback").argument("<service>")
      .description("roll a service back to its last good deploy (or --to a named one)")
      .option("--to <deployId|commit>", "the completed deploy (or git commit) to go back to")
      .option("-n, --namespace <ns>", "its deploys to this namespace (default: its latest one's)")
      .option("--no-wait", "return once re-applied, without following a rollout"),
  ))).action((service, flags) =>
    showOperation(
      ctx,
      rollbackOperation,
      {
        service,
        to: flags.to,
        wait: flags.wait === false ? false : undefined,
        namespace: flags.namespace,
      },
      flags,
      DEPLOY_VIEW,
    )
  );
}
