/** `nopea delete <service>`: removes a service's objects from the cluster; memory keeps them. */
import type { Command } from "@commander-js/extra-typings";
import { deleteOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { exitCodeForResult } from "../exit_code.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

/** Registers `nopea delete <service> [--include-namespaces] [--include-crds] [--dry-run]`. */
export function registerDelete(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("delete").argument("<service>")
      .description("delete a service's objects (workloads first), wait until gone, remember it")
      .option("-n, --namespace <ns>", "its deploys to this namespace (default: its last deploy's)")
      .option("--include-namespaces", "also delete the Namespaces its manifests created")
      .option("--include-crds", "also delete its CustomResourceDefinitions")
      .option("--dry-run", "show what would be deleted; change nothing, remember nothing")
      .option("--timeout <duration>", "how long to wait for the objects to go (default 5m)"),
  )).action((service, flags) =>
    showOperation(
      ctx,
      deleteOperation,
      {
        service,
        namespace: flags.namespace,
        includeNamespaces: flags.includeNamespaces,
        includeCrds: flags.includeCrds,
        dryRun: flags.dryRun,
        timeout: flags.timeout,
      },
      flags,
      { render: renderDeployResult, exitCode: exitCodeForResult, progress: true },
    )
  );
}
