/** `nopea context|explain|history|services|status|health`: the read operations of the catalogue. */
import type { Command } from "@commander-js/extra-typings";
import {
  contextOperation,
  explainOperation,
  healthOperation,
  historyOperation,
  servicesOperation,
  statusOperation,
} from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import {
  renderContext,
  renderExplanation,
  renderHealth,
  renderHistory,
  renderServices,
  renderStatus,
} from "../render/memory_views.ts";
import { withCanaryThreshold, withConnection, withOutput } from "./_common.ts";
import { showOperation } from "./_run_operation.ts";

/** Registers the read commands. */
export function registerReads(program: Command, ctx: CommandContext): void {
  for (const register of [context, explain, history, services, status, health]) {
    register(program, ctx);
  }
}

function context(program: Command, ctx: CommandContext): void {
  withOutput(withCanaryThreshold(withConnection(
    program.command("context").argument("<service>")
      .description("what memory knows about a service before deploying it")
      .option("-n, --namespace <ns>", "namespace of the next deploy (default: the context's)"),
  ))).action((service, f) =>
    showOperation(ctx, contextOperation, { service, namespace: f.namespace }, f, {
      render: renderContext,
    })
  );
}

function explain(program: Command, ctx: CommandContext): void {
  withOutput(withCanaryThreshold(withConnection(
    program.command("explain").argument("<service>")
      .description("memory's knowledge of a service, in sentences")
      .option("-n, --namespace <ns>", "namespace of the next deploy (default: the context's)"),
  ))).action((service, f) =>
    showOperation(ctx, explainOperation, { service, namespace: f.namespace }, f, {
      render: renderExplanation,
    })
  );
}

function history(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("history").argument("<service>")
      .description("past deploys of a service, newest first")
      .option("--limit <n>", "at most this many", "20")
      .option("--status <status>", "only completed, failed, rolledback or progressing deploys")
      .option("--since <time>", "only deploys finished at or after this ISO time")
      .option("--cursor <cursor>", "the next page, as printed by the previous one"),
  )).action((service, f) =>
    showOperation(
      ctx,
      historyOperation,
      {
        service,
        limit: Number(f.limit),
        status: f.status,
        since: f.since,
        cursor: f.cursor,
      },
      f,
      { render: (o) => renderHistory(o.deploys, o.nextCursor) },
    )
  );
}

function services(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("services").description("services Nopea has deployed")
      .option("--limit <n>", "at most this many", "50")
      .option("--cursor <cursor>", "the next page"),
  )).action((f) =>
    showOperation(ctx, servicesOperation, { limit: Number(f.limit), cursor: f.cursor }, f, {
      render: (o) => renderServices(o.services, o.nextCursor),
    })
  );
}

function status(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("status").argument("<service>")
      .description(
        "last deploy of a service and the live readiness of its objects; exit 1 when not healthy",
      )
      .option("-n, --namespace <ns>", "only its deploys to this namespace"),
  )).action((service, f) =>
    showOperation(ctx, statusOperation, { service, namespace: f.namespace }, f, {
      render: renderStatus,
      exitCode: (s) => (s.healthy ? 0 : 1),
    })
  );
}

function health(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("health").description(
      "whether Nopea can work: cluster, memory, active deploys",
    ),
  )).action((f) => showOperation(ctx, healthOperation, {}, f, { render: renderHealth }));
}
