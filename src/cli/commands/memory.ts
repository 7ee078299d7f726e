/** `nopea memory stats|export|import|prune|graph`: look after what Nopea remembers. */
import { type Command, Option } from "@commander-js/extra-typings";
import type { MemoryStats, PruneReport } from "../../memory/mod.ts";
import { NopeaError } from "../../shared/mod.ts";
import {
  type ClusterSide,
  memoryExportOperation,
  memoryGraphOperation,
  memoryImportOperation,
  memoryPruneOperation,
  memoryStatsOperation,
  memorySyncOperation,
} from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showOperation, streamOperation } from "./_run_operation.ts";
import { graphText } from "../render/graph_text.ts";

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

function statsText(s: MemoryStats & { shared?: ClusterSide }): string {
  const by = Object.entries(s.byStatus).map(([k, v]) => `${v} ${k}`).join(", ");
  const local = `${s.deploys} deploys (${by}) of ${s.services} services; ${s.occurrences} ` +
    `occurrences; graph: ${s.nodes} nodes, ${s.relationships} relationships; last deploy ${
      s.lastDeployAt ?? "never"
    }\n`;
  if (!s.shared) return local;
  if ("error" in s.shared) {
    const { message, hint } = s.shared.error;
    return `local: ${local}cluster: not read: ${message}\n${hint ? `  hint: ${hint}\n` : ""}`;
  }
  const { cluster, pending } = s.shared;
  return `local: ${local}cluster (namespace ${cluster.namespace}): ${cluster.occurrences} ` +
    `occurrences in ${cluster.chunks} chunks; ${pending} local occurrences not pushed yet\n`;
}

function pruneInput(flags: { dryRun?: true; keepPerService?: string; keepDays?: string }) {
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    dryRun: flags.dryRun,
    keepPerService: number(flags.keepPerService),
    keepDays: number(flags.keepDays),
  };
}

function pruneText(r: PruneReport): string {
  const what = `${r.occurrences} occurrences (${r.occurrencesKept} kept), ${r.manifests} ` +
    `manifest sets, ${r.nodes} graph nodes and ${r.relationships} relationships`;
  return r.dryRun
    ? `Would drop ${what}; nothing was changed (run without --dry-run to prune)\n`
    : `Dropped ${what}; what memory learned from them is kept\n`;
}

function graphInput(
  flags: { service?: string; kind?: string; depth: string; resources?: true; format?: string },
) {
  return {
    service: flags.service,
    kind: flags.kind,
    depth: Number(flags.depth),
    resources: flags.resources,
    format: flags.format,
  };
}

const jsonText = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/** Registers `nopea memory <stats|export|import|prune|graph>`. */
export function registerMemory(program: Command, ctx: CommandContext): void {
  const memory = program.command("memory").description("look after what Nopea remembers");
  withOutput(withConnection(memory.command("stats").description("counts of what memory holds")))
    .action((flags) => showOperation(ctx, memoryStatsOperation, {}, flags, { render: statsText }));
  withOutput(withConnection(
    memory.command("sync").description("pull what the cluster holds and push what it lacks"),
  )).action((flags) =>
    showOperation(ctx, memorySyncOperation, {}, flags, {
      render: (r) => `Pulled ${r.pulled} occurrences from the cluster, pushed ${r.pushed}\n`,
    })
  );
  withOutput(withConnection(
    memory.command("export").description("print the occurrence log as one JSON document"),
  ))
    .option("--to <file>", "write to this file instead of stdout")
    .action(async (flags) => {
      // Streamed: a long log is written one occurrence at a time, never held whole.
      if (!flags.to) {
        return await streamOperation(ctx, memoryExportOperation, {}, flags, ctx.io.stdout);
      }
      const file = await Deno.open(flags.to, { write: true, create: true, truncate: true });
      const encoder = new TextEncoder();
      try {
        await streamOperation(ctx, memoryExportOperation, {}, flags, (chunk) => {
          const bytes = encoder.encode(chunk);
          let written = 0;
          while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
        });
      } finally {
        file.close();
      }
    });
  withOutput(withConnection(
    memory.command("import").argument("<file>", "an export, or - for stdin")
      .description("merge an export into memory (occurrences are merged by id)"),
  )).action(async (file, flags) =>
    showOperation(ctx, memoryImportOperation, { document: await readInput(ctx, file) }, flags, {
      render: (o) => `Imported ${o.imported} new occurrences\n`,
    })
  );
  withOutput(withConnection(
    memory.command("prune")
      .description("drop decayed knowledge, old manifest sets and old occurrences")
      .option("--dry-run", "only show what would go; change nothing")
      .option("--keep-per-service <n>", "occurrences kept per service in the log (default: 100)")
      .option("--keep-days <days>", "drop occurrences older than this (default: 30)"),
  )).action((flags) =>
    showOperation(ctx, memoryPruneOperation, pruneInput(flags), flags, { render: pruneText })
  );
  withOutput(withConnection(
    memory.command("graph")
      .description(
        "print the knowledge graph as text, or as JSON, Graphviz DOT or Mermaid (--format)",
      )
      .option("--service <name>", "only this service and what it relates to directly")
      .option("--kind <kind>", "only nodes of this kind (service, error, image, strategy, …)")
      .option("--depth <n>", "with --service: nodes up to this many relationships away", "1")
      .option("--resources", "keep resource nodes (default: folded into their service)")
      .addOption(
        new Option("--format <format>", "json (KERTO JSON), dot (Graphviz) or mermaid")
          .choices(["json", "dot", "mermaid"] as const),
      ),
  )).action((flags) =>
    showOperation(ctx, memoryGraphOperation, graphInput(flags), flags, {
      render: (graph) =>
        graph.text ?? (flags.format === "json" ? jsonText(graph) : graphText(graph)),
    })
  );
}
