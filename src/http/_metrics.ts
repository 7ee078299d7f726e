/** The server's Prometheus metrics through prom-client, with its process metrics. */
import process from "node:process";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Buckets of deploy durations, in seconds. */
const DEPLOY_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Buckets of memory query durations, in seconds. */
const QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The fields of a deploy result the metrics read. */
export interface DeployFigures {
  status: string;
  strategy: string;
  durationMs: number;
  drift: readonly unknown[];
}

/** What the HTTP layer counts. */
export interface HttpMetrics {
  request(route: string, code: number): void;
  deploy(result: DeployFigures): void;
  memoryQuery(seconds: number): void;
  /** The exposition text; the active deploys gauge is read at scrape time. */
  render(activeDeploys: number): Promise<string>;
  /** The content-type of the exposition text. */
  readonly contentType: string;
}

/**
 * prom-client reads memory and file descriptors from /proc/self, which Deno lets only a process
 * with every permission read: without it they would show 0. Those go; the resident memory comes
 * from the runtime instead.
 */
const PROC_METRICS = [
  "process_resident_memory_bytes",
  "process_virtual_memory_bytes",
  "process_heap_bytes",
  "process_open_fds",
  "process_max_fds",
];

function replaceProcMetrics(registry: Registry): void {
  for (const name of PROC_METRICS) registry.removeSingleMetric(name);
  new Gauge({
    name: "process_resident_memory_bytes",
    help: "Resident memory size in bytes.",
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().rss);
    },
  });
}

/** A fresh registry of the server's metrics plus prom-client's process and runtime metrics. */
export function httpMetrics(): HttpMetrics {
  const registry = new Registry();
  const registers = [registry];
  const deploys = new Counter({
    name: "nopea_deploys_total",
    help: "Deploys finished, by status and strategy.",
    labelNames: ["status", "strategy"] as const,
    registers,
  });
  const deployDuration = new Histogram({
    name: "nopea_deploy_duration_seconds",
    help: "Duration of finished deploys.",
    buckets: DEPLOY_BUCKETS,
    registers,
  });
  const queryDuration = new Histogram({
    name: "nopea_memory_query_duration_seconds",
    help: "Duration of memory queries (context, explain, history, services).",
    buckets: QUERY_BUCKETS,
    registers,
  });
  const driftFields = new Counter({
    name: "nopea_drift_fields_total",
    help: "Drifted fields found after deploys.",
    registers,
  });
  const active = new Gauge({
    name: "nopea_active_deploys",
    help: "Deploys running now.",
    registers,
  });
  const requests = new Counter({
    name: "nopea_http_requests_total",
    help: "HTTP requests answered, by route and status code.",
    labelNames: ["route", "code"] as const,
    registers,
  });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  replaceProcMetrics(registry);
  return {
    request: (route, code) => requests.inc({ route, code: String(code) }),
    deploy(result) {
      deploys.inc({ status: result.status, strategy: result.strategy });
      deployDuration.observe(result.durationMs / 1000);
      driftFields.inc(result.drift.length);
    },
    memoryQuery: (seconds) => queryDuration.observe(seconds),
    async render(activeDeploys) {
      active.set(activeDeploys);
      return await registry.metrics();
    },
    contentType: registry.contentType,
  };
}
