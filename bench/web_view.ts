/**
 * The web view's speed: server render time of each page against `GET /api/services` (the JSON
 * the services page is built from) in the same run, the services page's weight, and, when
 * chromium is installed, its first contentful paint in a real browser. The history: 11 services
 * with 4 deploys each (one broken deploy in three services), on the in-process sandbox.
 * Run: `deno run -A bench/web_view.ts [runs]`.
 */
import { type Browser, chromium } from "playwright-core";
import { createEngine } from "../src/engine/mod.ts";
import { createHttpApp, serveHttp } from "../src/http/mod.ts";
import { testDeps } from "../src/testing/mod.ts";

const RUNS = Number(Deno.args[0] ?? 15);
const SERVICES = 11;
const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

function deployment(name: string, tag: string) {
  const labels = { app: name };
  const containers = [{ name: "app", image: `example/${name}:${tag}` }];
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    },
  };
}

function service(name: string) {
  const spec = { selector: { app: name }, ports: [{ port: 80 }] };
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

await using deps = await testDeps({ controllers: { readyDelayMs: 50 } });
const engine = createEngine(deps);
for (let i = 0; i < SERVICES; i++) {
  const name = `svc-${i}`;
  for (const tag of ["1.0", "2.0", i % 4 === 0 ? "broken" : "3.0", "4.0"]) {
    await engine.deploy({
      service: name,
      namespace: "default",
      manifests: [service(name), deployment(name, tag)],
      timeoutMs: 5_000,
    });
  }
}
const app = createHttpApp(engine);

async function timed(path: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const res = await app.request(path);
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - start);
  }
  return { ms: median(times), bytes };
}

const baseline = await timed("/api/services");
console.log(`GET /api/services (baseline): ${baseline.ms.toFixed(1)} ms, ${baseline.bytes} bytes`);
for (const path of ["/", "/services/svc-0", "/graph"]) {
  const page = await timed(path);
  console.log(
    `GET ${path}: ${page.ms.toFixed(1)} ms (${(page.ms / baseline.ms).toFixed(1)}× the ` +
      `baseline), ${page.bytes} bytes of HTML`,
  );
}

async function firstPaint(browser: Browser, url: string): Promise<{ fcp: number; bytes: number }> {
  const page = await browser.newPage();
  const sizes: Promise<number>[] = [];
  page.on("response", (r) => {
    if (!r.url().includes("/ui/events")) sizes.push(r.body().then((b) => b.length, () => 0));
  });
  await page.goto(url, { waitUntil: "load" });
  const fcp = await page.evaluate(
    `new Promise((resolve) => new PerformanceObserver((list) => {
      const fcp = list.getEntriesByName("first-contentful-paint")[0];
      if (fcp) resolve(fcp.startTime);
    }).observe({ type: "paint", buffered: true }))`,
  ) as number;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await page.close();
  return { fcp, bytes };
}

if (await Deno.stat(CHROMIUM).then(() => true, () => false)) {
  const stop = new AbortController();
  const server = serveHttp(app, {
    hostname: "127.0.0.1",
    port: 0,
    signal: stop.signal,
    noAuth: true,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const paints: number[] = [];
    let bytes = 0;
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      const run = await firstPaint(browser, `${server.url}/`);
      paints.push(run.fcp);
      bytes = run.bytes;
    }
    console.log(
      `services page in chromium: first contentful paint ${median(paints).toFixed(0)} ms ` +
        `(target under 300 ms), ${bytes} bytes transferred (target under 200 KB)`,
    );
  } finally {
    await browser.close();
    stop.abort();
    await server.finished;
  }
} else {
  console.log(`No chromium at ${CHROMIUM}: first paint not measured (set CHROMIUM_PATH)`);
}
