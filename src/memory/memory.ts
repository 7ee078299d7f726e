/** createMemory(): the memory facade the engine and the surfaces use (record, context, explain, …). */
import { type Clock, type IdSource, NopeaError, ulidSource } from "../shared/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import {
  buildOccurrence,
  type DeployOccurrence,
  type Occurrence,
  type OccurrenceMemoryContext,
} from "../occurrences/mod.ts";
import { classifyError } from "./classify.ts";
import { contextOf, type DeployContext } from "./context.ts";
import { type DeployRecord, parseDeployRecord } from "../deploys/mod.ts";
import { explainContext, type Explanation } from "./explain.ts";
import { graphAt, type GraphJson } from "./graph/mod.ts";
import { isDeployOccurrence } from "./replay.ts";
import {
  createSecretMasker,
  maskForStore,
  redactValues,
  type SecretMasker,
  secretValuesOf,
} from "../secrets/mod.ts";
import { manifestSetHash } from "./manifest_hash.ts";
import type { CompactOptions, CompactReport, MemoryStore } from "./store.ts";
import {
  historyOf,
  type HistoryOptions,
  type MemoryStats,
  servicesOf,
  type ServiceSummary,
  statsOf,
} from "./views.ts";

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
  prune(options?: {
    /** Report what would go without changing anything. @default false */
    dryRun?: boolean | undefined;
    /** The newest occurrences kept per service, whatever their age. @default 100 */
    keepPerService?: number | undefined;
    /** Occurrences older than this many days before the last deploy are dropped. @default 30 */
    keepDays?: number | undefined;
  }): Promise<PruneReport>;
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

function redactRecord(
  record: DeployRecord,
  secrets: readonly string[],
  masker: SecretMasker,
): DeployRecord {
  if (secrets.length === 0) return record;
  return {
    ...record,
    ...(record.error ? { error: redactValues(record.error, secrets, masker) } : {}),
    resources: record.resources.map((
      r,
    ) => (r.error ? { ...r, error: redactValues(r.error, secrets, masker) } : r)),
    warnings: redactValues(record.warnings, secrets, masker),
  };
}

function parseImport(data: unknown): DeployOccurrence[] {
  const items = Array.isArray(data)
    ? data
    : (data as { occurrences?: unknown } | null)?.occurrences;
  if (!Array.isArray(items)) {
    throw new NopeaError(
      "SPEC_INVALID",
      'Cannot import memory: expected an export with an "occurrences" array',
      {
        hint: "Pass the output of `nopea memory export`",
      },
    );
  }
  return items.map((item, i) => {
    if (!isDeployOccurrence(item)) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot import memory: item ${i} is not a Nopea deploy occurrence`,
        {
          hint: "Pass the output of `nopea memory export`",
        },
      );
    }
    parseDeployRecord(item.data.record, `of import item ${i}`);
    return item;
  });
}

/**
 * Creates the memory facade over a store.
 *
 * @example Record a failed deploy and read it back
 * ```ts
 * import { createMemory } from "@nopea/nopea";
 * import { InMemoryMemoryStore } from "@nopea/nopea";
 * import { fixedClock, seqIds } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const memory = createMemory(new InMemoryMemoryStore(), { clock: fixedClock(), ids: seqIds() });
 * await memory.record({
 *   deployId: "01J0000000000000000000000A", service: "api", namespace: "prod", strategy: "direct",
 *   strategyReasons: [], status: "failed", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:01:00Z",
 *   durationMs: 60000, resources: [], verified: false, driftCount: 0, images: [], dependsOn: [], warnings: [],
 *   error: { code: "DEPLOY_FAILED", message: "container api is in CrashLoopBackOff" },
 * });
 * const context = await memory.context("api", "prod");
 * equal(context.failurePatterns[0]?.errorClass, "CrashLoopBackOff");
 * equal(context.recommendedStrategy, "canary");
 * ```
 */
export function createMemory(store: MemoryStore, options: MemoryOptions): Memory {
  const { clock } = options;
  const ids = options.ids ?? ulidSource(clock);
  const ctxOptions = (asked: StrategyOptions = {}) => ({
    now: clock.now(),
    ...(asked.canaryThreshold === undefined ? {} : { canaryThreshold: asked.canaryThreshold }),
    ...(options.recentLimit === undefined ? {} : { recentLimit: options.recentLimit }),
  });
  // Secret values are masked with the store's own key: a guess cannot be checked without it.
  let masker: Promise<SecretMasker> | undefined;
  const secretMasker = () =>
    masker ??= store.secretKey().then((key) => createSecretMasker({ key }), (error) => {
      masker = undefined;
      throw error;
    });
  return {
    secretMasker,
    async record(record, recordOptions = {}) {
      const secrets = recordOptions.manifests ? secretValuesOf(recordOptions.manifests) : [];
      const keyed = await secretMasker();
      let rec = redactRecord(record, secrets, keyed);
      if (rec.error && rec.error.errorClass === undefined) {
        rec = { ...rec, error: { ...rec.error, errorClass: classifyError(rec.error) } };
      }
      const masked = recordOptions.manifests
        ? maskForStore(recordOptions.manifests, keyed)
        : undefined;
      const hash = masked ? manifestSetHash(masked) : undefined;
      if (hash) rec = { ...rec, manifestsHash: hash };
      const occurrence = buildOccurrence(rec, recordOptions.context, { id: ids.next() });
      await store.record(occurrence, masked && hash ? { hash, objects: masked } : undefined);
      return occurrence;
    },
    async context(service, namespace, asked) {
      const state = await (store.loadContext?.(service) ?? store.load());
      return contextOf(state, service, namespace, ctxOptions(asked));
    },
    async history(service, historyOptions) {
      return historyOf(await store.load(), service, historyOptions);
    },
    async services() {
      return servicesOf(await store.load(), clock.now());
    },
    async explain(service, namespace, asked) {
      const state = await store.load();
      const s = state.services.get(service);
      const ns = namespace ?? s?.recent.at(-1)?.namespace ?? "default";
      const ctx = contextOf(state, service, ns, ctxOptions(asked));
      const totals = {
        deploys: s?.deploys ?? 0,
        byStatus: {
          ...{ completed: 0, failed: 0, rolledback: 0, progressing: 0, refused: 0 },
          ...s?.byStatus,
        },
      };
      return explainContext(ctx, totals, clock.now());
    },
    async stats() {
      return statsOf(await store.load(), clock.now());
    },
    async graph() {
      return graphAt((await store.load()).graph, clock.now());
    },
    manifests(hash) {
      return store.manifests(hash);
    },
    async export() {
      return {
        format: "nopea-memory",
        version: 1,
        exportedAt: new Date(clock.now()).toISOString(),
        occurrences: await store.occurrences(),
      };
    },
    async exportTo(write) {
      const exportedAt = new Date(clock.now()).toISOString();
      write(`{"format":"nopea-memory","version":1,"exportedAt":"${exportedAt}","occurrences":[`);
      let first = true;
      await store.eachOccurrence((occurrence) => {
        write(`${first ? "\n" : ",\n"}${JSON.stringify(occurrence)}`);
        first = false;
      });
      write("\n]}\n");
    },
    async import(data) {
      const incoming = parseImport(data);
      const known = new Set((await store.occurrences()).map((o) => o.id));
      const added = incoming.filter((occ) => !known.has(occ.id) && known.add(occ.id));
      await store.recordAll(added);
      return added.length;
    },
    prune(pruneOptions) {
      return store.compact(pruneOptions);
    },
    checkWritable() {
      return store.checkWritable();
    },
  };
}
