/** `nopea memory stats|export|import|prune|graph`: look after what Nopea remembers. */
import type { Command } from "@commander-js/extra-typings";
import { NopeaError } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngine, type ConnectionFlags } from "../deps.ts";
import { withConnection, withOutput } from "./_common.ts";

function print(
  ctx: CommandContext,
  flags: { output: "text" | "json" },
  value: unknown,
  text: string,
): void {
  ctx.json = flags.output === "json";
  ctx.io.stdout(flags.output === "json" ? JSON.stringify(value, null, 2) + "\n" : text);
}

function memoryOf(ctx: CommandContext, flags: ConnectionFlags) {
  return cliEngine(ctx.io, flags, {}, ctx.engine).engine.memory;
}

async function readInput(ctx: CommandContext, file: string): Promise<unknown> {
  const text = file === "-"
    ? await ctx.io.readStdin()
    : await Deno.readTextFile(file).catch((cause) => {
      throw new NopeaError("MEMORY_IO", `Cannot read memory export "${file}"`, {
        hint: "Pass a file written by `nopea memory export`, or - for stdin",
        cause,
      });
    });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new NopeaError("SPEC_INVALID", `Memory export "${file}" is not valid JSON`, {
      hint: "Pass a file written by `nopea memory export`",
      cause,
    });
  }
}

/** Registers `nopea memory <stats|export|import|prune|graph>`. */
export function registerMemory(program: Command, ctx: CommandContext): void {
  const memory = program.command("memory").description("look after what Nopea remembers");
  withOutput(withConnection(memory.command("stats").description("counts of what memory holds")))
    .action(async (flags) => {
      const s = await memoryOf(ctx, flags).stats();
      const by = Object.entries(s.byStatus).map(([k, v]) => `${v} ${k}`).join(", ");
      print(
        ctx,
        flags,
        s,
        `${s.deploys} deploys (${by}) of ${s.services} services; ${s.occurrences} occurrences; ` +
          `graph: ${s.nodes} nodes, ${s.relationships} relationships; last deploy ${
            s.lastDeployAt ?? "never"
          }\n`,
      );
    });
  withConnection(
    memory.command("export").description("print the occurrence log as one JSON document"),
  )
    .option("--to <file>", "write to this file instead of stdout")
    .action(async (flags) => {
      const data = JSON.stringify(await memoryOf(ctx, flags).export(), null, 2) + "\n";
      if (flags.to) await Deno.writeTextFile(flags.to, data);
      else ctx.io.stdout(data);
    });
  withOutput(withConnection(
    memory.command("import").argument("<file>", "an export, or - for stdin")
      .description("merge an export into memory (occurrences are merged by id)"),
  )).action(async (file, flags) => {
    const added = await memoryOf(ctx, flags).import(await readInput(ctx, file));
    print(ctx, flags, { imported: added }, `Imported ${added} new occurrences\n`);
  });
  withOutput(withConnection(
    memory.command("prune").description("drop decayed knowledge and manifest sets past retention"),
  )).action(async (flags) => {
    const r = await memoryOf(ctx, flags).prune();
    print(
      ctx,
      flags,
      r,
      `Pruned ${r.nodes} nodes, ${r.relationships} relationships and ${r.manifests} manifest sets\n`,
    );
  });
  withConnection(memory.command("graph").description("print the knowledge graph (KERTO JSON)"))
    .action(async (flags) => {
      ctx.io.stdout(JSON.stringify(await memoryOf(ctx, flags).graph(), null, 2) + "\n");
    });
}
