/** httpMetrics(): prom-client's registry with process metrics that hold without --allow-all. */
import { equal, match, ok } from "node:assert/strict";
import { httpMetrics } from "../../src/http/_metrics.ts";
import { sample } from "./_helpers.ts";

Deno.test({
  name: "httpMetrics() reports resident memory and CPU with only read permission, never a false 0",
  permissions: { read: true },
  async fn() {
    const metrics = httpMetrics();
    metrics.request("/api/services", 200);
    const text = await metrics.render(2);
    ok(
      (sample(text, "process_resident_memory_bytes") ?? 0) > 0,
      "resident memory from the runtime",
    );
    ok((sample(text, "process_cpu_seconds_total") ?? 0) > 0);
    equal(sample(text, "process_open_fds"), undefined, "no /proc reading that Deno refuses");
    equal(sample(text, "nopea_active_deploys"), 2);
    equal(sample(text, 'nopea_http_requests_total{route="/api/services",code="200"}'), 1);
    match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
  },
});
