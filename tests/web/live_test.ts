/** Live progress: operations of every door (here the HTTP API) reach the pages' event stream. */
import { equal, match } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { eventsUntilFinished } from "./_requests.ts";

const CONFIG = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } };

Deno.test("a deploy through the HTTP API streams its progress to the web view", async () => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps));
  const deployed = await app.request("/api/deploy", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service: "web", namespace: "default", manifests: [CONFIG] }),
  });
  equal(deployed.status, 200);
  equal((await deployed.json()).status, "completed");
  const stream = await eventsUntilFinished(app, {});
  match(stream, /"service":"web","operation":"deploy","line":"deploy started"/);
  match(stream, /"line":"applied: created ConfigMap\/default\/cfg"/);
  match(stream, /event: finished\ndata: .*"outcome":"completed"/);
  const page = await (await app.request("/services/web")).text();
  match(page, /<li class="finished">deploy finished: completed<\/li>/);
});
