/** The types of the memory facade: its options, its export document and the `Memory` interface. */
import type { Clock, IdSource } from "../shared/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence, OccurrenceMemoryContext } from "../occurrences/mod.ts";
import type { DeployContext } from "./context.ts";
import type { DeployRecord } from "../deploys/mod.ts";
import type { Explanation } from "./explain.ts";
import type { GraphJson } from "./graph/mod.ts";
import type { SecretMasker } from "../secrets/mod.ts";
import type { CompactOptions, CompactReport } from "./store.ts";
import type { HistoryOptions, MemoryStats, ServiceSummary } from "./views.ts";

/** Options of {@linkcode createMemory}. */
export interface MemoryOptions {
  /** The time decay, DORA windows and explanations are computed at. */
  clock: Clock;
  /** Occurrence ids. @default ulidSource(clock) */
  ids?: IdSource;
  /** Recent deploys in a context. @default 10 */
  recentLimit?: number;
}

/** How memory turns what it knows into a recommended strategy. */
export interface StrategyOptions {
  /**
   * Estimated failure rate above which a known service deploys by canary, 0 to 1.
   * @default 0.2 (DEFAULT_CANARY_THRESHOLD)
   */
  canaryThreshold?: number;
}

/** Options of {@linkcode Memory.record}. */
export interface RecordOptions {
  /** The context the deploy was planned with; it goes into the occurrence's reasoning. */
  context?: OccurrenceMemoryContext;
  /** The applied objects, kept content-addressed for rollback with Secret values masked. */
  manifests?: readonly KubeObject[];
}

/** What `export` returns and `import` reads: the occurrence log. */
export interface MemoryExport {
  /** Identifies the document. */
  format: "nopea-memory";
  /** Version of the export format. */
  version: 1;
  /** When it was exported (ISO 8601). */
  exportedAt: string;
  /** The occurrence log, oldest first. */
  occurrences: Occurrence[];
}

/** Options of `prune`: the log's retention (per service, in days), and whether only to report. */
export type PruneOptions = CompactOptions;

/** What `prune` removed (or, in a dry run, would remove). */
export type PruneReport = CompactReport;

/** What Nopea remembers, and what it concludes from it. */
export interface Memory {
  /** Records a deploy (and its manifests); returns the occurrence appended to the log. */
  record(record: DeployRecord, options?: RecordOptions): Promise<DeployOccurrence>;
  /** What memory knows about a service before deploying it to a namespace. */
  context(service: string, namespace: string, options?: StrategyOptions): Promise<DeployContext>;
  /** Past deploys of a service, newest first. */
  history(service: string, options?: HistoryOptions): Promise<DeployRecord[]>;
  /** Every service memory knows. */
  services(): Promise<ServiceSummary[]>;
  /** The context as sentences. */
  explain(service: string, namespace?: string, options?: StrategyOptions): Promise<Explanation>;
  /** Counts of what memory holds. */
  stats(): Promise<MemoryStats>;
  /** The graph as it reads now (KERTO JSON shape). */
  graph(): Promise<GraphJson>;
  /** A stored manifest set (Secret values masked). */
  manifests(hash: string): Promise<KubeObject[] | undefined>;
  /** The whole occurrence log. */
  export(): Promise<MemoryExport>;
  /** Merges occurrences by id; returns how many were new. */
  import(data: unknown): Promise<number>;
  /**
   * Prunes decayed knowledge and manifest sets past retention, and drops occurrences past the
   * log's retention that memory no longer needs; with `dryRun` it only reports.
   */
  prune(options?: PruneOptions): Promise<PruneReport>;
  /**
   * Checks that memory can record before a deploy changes anything.
   *
   * @throws {NopeaError} `MEMORY_IO`: "Cannot record to memory at <dir>: <why>".
   */
  checkWritable(): Promise<void>;
  /**
   * Writes the document `export` returns, one occurrence at a time, so a long log is exported
   * without being held in memory.
   */
  exportTo(write: (chunk: string) => void): Promise<void>;
  /** The masker of this store's Secret values (HMAC-SHA256 under the store's random key). */
  secretMasker(): Promise<SecretMasker>;
}
