/** The server's Prometheus metrics, kept in memory and written in the text exposition format. */

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
  render(activeDeploys: number): string;
}

interface Histogram {
  buckets: readonly number[];
  counts: number[];
  sum: number;
  count: number;
}

function histogram(buckets: readonly number[]): Histogram {
  return { buckets, counts: buckets.map(() => 0), sum: 0, count: 0 };
}

function observe(h: Histogram, value: number): void {
  h.buckets.forEach((le, i) => {
    if (value <= le) h.counts[i] = (h.counts[i] ?? 0) + 1;
  });
  h.sum += value;
  h.count += 1;
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labels(pairs: Readonly<Record<string, string>>): string {
  const text = Object.entries(pairs).map(([k, v]) => `${k}="${escape(v)}"`).join(",");
  return text ? `{${text}}` : "";
}

function header(name: string, type: string, help: string): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
}

function counterLines(name: string, help: string, values: Map<string, number>): string[] {
  return [...header(name, "counter", help), ...[...values].map(([l, v]) => `${name}${l} ${v}`)];
}

function histogramLines(name: string, help: string, h: Histogram): string[] {
  return [
    ...header(name, "histogram", help),
    ...h.buckets.map((le, i) => `${name}_bucket{le="${le}"} ${h.counts[i] ?? 0}`),
    `${name}_bucket{le="+Inf"} ${h.count}`,
    `${name}_sum ${h.sum}`,
    `${name}_count ${h.count}`,
  ];
}

function increment(values: Map<string, number>, key: string, by = 1): void {
  values.set(key, (values.get(key) ?? 0) + by);
}

/** A fresh set of metrics. */
export function httpMetrics(): HttpMetrics {
  const deploys = new Map<string, number>();
  const requests = new Map<string, number>();
  const deployDuration = histogram(DEPLOY_BUCKETS);
  const queryDuration = histogram(QUERY_BUCKETS);
  let driftFields = 0;
  return {
    request: (route, code) => increment(requests, labels({ route, code: String(code) })),
    deploy(result) {
      increment(deploys, labels({ status: result.status, strategy: result.strategy }));
      observe(deployDuration, result.durationMs / 1000);
      driftFields += result.drift.length;
    },
    memoryQuery: (seconds) => observe(queryDuration, seconds),
    render: (activeDeploys) =>
      [
        ...counterLines(
          "nopea_deploys_total",
          "Deploys finished, by status and strategy.",
          deploys,
        ),
        ...histogramLines(
          "nopea_deploy_duration_seconds",
          "Duration of finished deploys.",
          deployDuration,
        ),
        ...histogramLines(
          "nopea_memory_query_duration_seconds",
          "Duration of memory queries (context, explain, history, services).",
          queryDuration,
        ),
        ...header("nopea_drift_fields_total", "counter", "Drifted fields found after deploys."),
        `nopea_drift_fields_total ${driftFields}`,
        ...header("nopea_active_deploys", "gauge", "Deploys running now."),
        `nopea_active_deploys ${activeDeploys}`,
        ...counterLines(
          "nopea_http_requests_total",
          "HTTP requests answered, by route and status code.",
          requests,
        ),
      ].join("\n") + "\n",
  };
}
