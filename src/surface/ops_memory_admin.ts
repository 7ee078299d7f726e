/** Looking after memory itself: stats, export, import, prune, graph (`nopea memory ...`). */
import { z } from "zod";
import type { MemoryExport, MemoryStats, PruneReport } from "../memory/mod.ts";
import { type GraphOutput, graphOutput } from "./_graph_output.ts";
import { loose, serviceName } from "./_schemas.ts";
import { clusterSideOf, clusterSideShape } from "./ops_memory_sync.ts";
import type { Operation } from "./operation.ts";

type NoInput = Record<string, never>;
const LOCAL_READ = { readOnly: true, destructive: false, idempotent: true, openWorld: false };

const graphInput = {
  service: serviceName.optional().describe("Only this service and what it relates to directly"),
  kind: z.enum(["service", "namespace", "error", "strategy", "image", "resource"]).optional()
    .describe("Only nodes of this kind"),
  depth: z.number().int().min(1).max(10).optional().describe(
    "With service: keep nodes up to this many relationships away (default 1)",
  ),
  resources: z.boolean().optional().describe(
    "Keep resource nodes (by default they are folded into the services that deployed them)",
  ),
  format: z.enum(["json", "dot", "mermaid"]).optional().describe(
    "json (default): the graph only; dot or mermaid: also the picture as text, in `text`",
  ),
};

/** `memory_stats`: counts of what memory holds. */
export const memoryStatsOperation: Operation<NoInput, MemoryStats> = {
  name: "memory_stats",
  title: "Memory statistics",
  description: "Counts what memory holds: deploys by status, services, occurrences, live graph " +
    "nodes and relationships, and when the last deploy finished; with the cluster memory store, " +
    "`shared` also counts what the cluster holds and the local occurrences not pushed yet.",
  input: {},
  output: {
    occurrences: z.number(),
    deploys: z.number(),
    byStatus: z.record(z.number()),
    services: z.number(),
    nodes: z.number(),
    relationships: z.number(),
    lastDeployAt: z.string().nullable(),
    shared: clusterSideShape,
  },
  hints: LOCAL_READ,
  run: async (engine) => {
    const [stats, shared] = await Promise.all([engine.memory.stats(), clusterSideOf(engine)]);
    return shared ? { ...stats, shared } : stats;
  },
};

/** `memory_export`: the occurrence log as one document. */
export const memoryExportOperation: Operation<NoInput, MemoryExport> = {
  name: "memory_export",
  title: "Export memory",
  description: "Returns the whole occurrence log, oldest first, as one JSON document that " +
    "memory_import merges into another memory.",
  input: {},
  output: {
    format: z.literal("nopea-memory"),
    version: z.literal(1),
    exportedAt: z.string(),
    occurrences: z.array(loose({ id: z.string() })),
  },
  hints: LOCAL_READ,
  run: (engine) => engine.memory.export(),
  stream: (engine, _input, write) => engine.memory.exportTo(write),
};

const importInput = {
  document: z.union([z.record(z.unknown()), z.array(z.unknown())]).describe(
    "A document written by memory_export (or its occurrences array)",
  ),
};

/** `memory_import`: merges an export, occurrence by occurrence id. */
export const memoryImportOperation: Operation<
  z.infer<z.ZodObject<typeof importInput>>,
  { imported: number }
> = {
  name: "memory_import",
  title: "Import memory",
  description: "Merges an export into memory by occurrence id (occurrences already held are " +
    "skipped). Returns how many occurrences were new.",
  input: importInput,
  output: { imported: z.number() },
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: false },
  run: async (engine, input) => ({ imported: await engine.memory.import(input.document) }),
};

const pruneInput = {
  dryRun: z.boolean().optional().describe("Only report what would go; change nothing"),
  keepPerService: z.number().int().min(1).optional().describe(
    "Occurrences kept per service in the log, newest first (default 100)",
  ),
  keepDays: z.number().min(0).optional().describe(
    "Occurrences older than this many days before the last deploy leave the log (default 30)",
  ),
};

/** `memory_prune`: drops decayed knowledge, manifest sets past retention and old log lines. */
export const memoryPruneOperation: Operation<
  z.infer<z.ZodObject<typeof pruneInput>>,
  PruneReport
> = {
  name: "memory_prune",
  title: "Prune memory",
  description: "Drops graph nodes and relationships that decayed away, manifest sets no " +
    "service keeps any more, and occurrences past the log's retention (those past the newest " +
    "100 of their service or older than 30 days, never the deploys a service's history holds); " +
    "what memory learned from dropped occurrences is kept. With dryRun it only reports. " +
    "Returns the counts.",
  input: pruneInput,
  output: {
    nodes: z.number(),
    relationships: z.number(),
    manifests: z.number(),
    occurrences: z.number(),
    occurrencesKept: z.number(),
    dryRun: z.boolean(),
  },
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: false },
  run: (engine, input) => engine.memory.prune(input),
};

type GraphInput = z.infer<z.ZodObject<typeof graphInput>>;

/** `memory_graph`: the knowledge graph as it reads now. */
export const memoryGraphOperation: Operation<GraphInput, GraphOutput> = {
  name: "memory_graph",
  title: "Knowledge graph",
  description: "Returns memory's knowledge graph (KERTO JSON): services, errors, strategies, " +
    "images and how they relate, with decayed weights; `service` keeps one service and what it " +
    "relates to (`depth` relationships away), `kind` keeps nodes of one kind. Resource nodes are " +
    "folded into their services unless `resources` is true. `format` dot or mermaid also " +
    "returns the picture as text.",
  input: graphInput,
  output: {
    nodes: z.array(loose({})),
    relationships: z.array(loose({})),
    format: z.enum(["dot", "mermaid"]).optional(),
    text: z.string().optional(),
  },
  hints: LOCAL_READ,
  run: graphOutput,
};
