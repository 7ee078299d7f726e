/** createMemory(): the memory facade the engine and the surfaces use (record, context, explain, …). */
import { ulidSource } from "../shared/mod.ts";
import { contextOf, type ContextOptions } from "./context.ts";
import { explainContext, type ExplainTotals } from "./explain.ts";
import { graphAt } from "./graph/mod.ts";
import type { ServiceState } from "./state.ts";
import type { MemoryStore } from "./store.ts";
import { historyOf, servicesOf, statsOf } from "./views.ts";
import type { Memory, MemoryOptions, StrategyOptions } from "./_memory_types.ts";
import { recordDeploy, storeSecretMasker } from "./_memory_record.ts";
import { exportMemory, exportMemoryTo, importMemory } from "./_memory_exchange.ts";

export type {
  Memory,
  MemoryExport,
  MemoryOptions,
  PruneOptions,
  PruneReport,
  RecordOptions,
  StrategyOptions,
} from "./_memory_types.ts";

function contextOptions(options: MemoryOptions, asked: StrategyOptions = {}): ContextOptions {
  return {
    now: options.clock.now(),
    ...(asked.canaryThreshold === undefined ? {} : { canaryThreshold: asked.canaryThreshold }),
    ...(options.recentLimit === undefined ? {} : { recentLimit: options.recentLimit }),
  };
}

function totalsOf(s: ServiceState | undefined): ExplainTotals {
  return {
    deploys: s?.deploys ?? 0,
    byStatus: {
      ...{ completed: 0, failed: 0, rolledback: 0, progressing: 0, refused: 0 },
      ...s?.byStatus,
    },
  };
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
  const ctxOptions = (asked?: StrategyOptions) => contextOptions(options, asked);
  const secretMasker = storeSecretMasker(store);
  return {
    secretMasker,
    record: (record, recordOptions) =>
      recordDeploy({ store, ids, secretMasker }, record, recordOptions),
    async context(service, namespace, asked) {
      const state = await (store.loadContext?.(service) ?? store.load());
      return contextOf(state, service, namespace, ctxOptions(asked));
    },
    history: async (service, historyOptions) =>
      historyOf(await store.load(), service, historyOptions),
    services: async () => servicesOf(await store.load(), clock.now()),
    async explain(service, namespace, asked) {
      const state = await store.load();
      const s = state.services.get(service);
      const ns = namespace ?? s?.recent.at(-1)?.namespace ?? "default";
      const ctx = contextOf(state, service, ns, ctxOptions(asked));
      return explainContext(ctx, totalsOf(s), clock.now());
    },
    stats: async () => statsOf(await store.load(), clock.now()),
    graph: async () => graphAt((await store.load()).graph, clock.now()),
    manifests: (hash) => store.manifests(hash),
    export: () => exportMemory(store, clock),
    exportTo: (write) => exportMemoryTo(store, clock, write),
    import: (data) => importMemory(store, data),
    prune: (pruneOptions) => store.compact(pruneOptions),
    checkWritable: () => store.checkWritable(),
  };
}
