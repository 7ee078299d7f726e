/** `nopea context|explain|history|services|status|health`: the read operations of the catalogue. */
import type { Command } from "@commander-js/extra-typings";
import {
  contextOperation,
  explainOperation,
  healthOperation,
  historyOperation,
  type Operation,
  parseInput,
  servicesOperation,
  statusOperation,
} from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngine, type ConnectionFlags } from "../deps.ts";
import {
  renderContext,
  renderExplanation,
  renderHealth,
  renderHistory,
  renderServices,
  renderStatus,
} from "../render/memory_views.ts";
import { withConnection, withOutput } from "./_common.ts";

/** Parses the input, runs the operation, prints JSON or the human rendering. */
export async function runRead<I, O>(
  ctx: CommandContext,
  op: Operation<I, O>,
  raw: Record<string, unknown>,
  flags: ConnectionFlags & { output: "text" | "json" },
  render: (output: O) => string,
): Promise<void> {
  ctx.json = flags.output === "json";
  const input = parseInput(op, raw);
  const { engine } = cliEngine(ctx.io, flags, {}, ctx.engine);
  const output = await op.run(engine, input, { cwd: ctx.io.cwd });
  ctx.io.stdout(flags.output === "json" ? JSON.stringify(output, null, 2) + "\n" : render(output));
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Registers the read commands. */
export function registerReads(program: Command, ctx: CommandContext): void {
  for (const register of [context, explain, history, services, status, health]) {
    register(program, ctx);
  }
}

function context(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("context").argument("<service>")
      .description("what memory knows about a service before deploying it")
      .option("-n, --namespace <ns>", "namespace of the next deploy"),
  )).action((service, f) =>
    runRead(ctx, contextOperation, defined({ service, namespace: f.namespace }), f, renderContext)
  );
}

function explain(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("explain").argument("<service>")
      .description("memory's knowledge of a service, in sentences")
      .option("-n, --namespace <ns>", "namespace of the next deploy"),
  )).action((service, f) =>
    runRead(
      ctx,
      explainOperation,
      defined({ service, namespace: f.namespace }),
      f,
      renderExplanation,
    )
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
  )).action((service, f) => {
    const input = {
      service,
      limit: Number(f.limit),
      status: f.status,
      since: f.since,
      cursor: f.cursor,
    };
    return runRead(
      ctx,
      historyOperation,
      defined(input),
      f,
      (o) => renderHistory(o.deploys, o.nextCursor),
    );
  });
}

function services(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("services").description("services Nopea has deployed")
      .option("--limit <n>", "at most this many", "50")
      .option("--cursor <cursor>", "the next page"),
  )).action((f) =>
    runRead(
      ctx,
      servicesOperation,
      defined({ limit: Number(f.limit), cursor: f.cursor }),
      f,
      (o) => renderServices(o.services, o.nextCursor),
    )
  );
}

function status(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("status").argument("<service>")
      .description("last deploy of a service and the live readiness of its objects"),
  )).action((service, f) => runRead(ctx, statusOperation, { service }, f, renderStatus));
}

function health(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("health").description(
      "whether Nopea can work: cluster, memory, active deploys",
    ),
  )).action((f) => runRead(ctx, healthOperation, {}, f, renderHealth));
}
