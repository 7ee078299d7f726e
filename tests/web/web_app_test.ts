/** The web view through `createHttpApp` (no browser): pages, figures, actions, files. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createHttpApp } from "../../src/http/mod.ts";
import { type HistoryWorld, historyWorld } from "./_history.ts";
import { cliJson, eventsUntilFinished, form, jsonOf, KEY, percent } from "./_requests.ts";

function appOf(h: HistoryWorld) {
  return createHttpApp(h.opened.engine, { apiKey: "deploy-key", readApiKey: "read-key" });
}

Deno.test("the web view shows what the catalogue reports, and rolls back after asking", async (t) => {
  await using h = await historyWorld();
  const app = appOf(h);

  await t.step("the services page lists every service with context's figures", async () => {
    const res = await app.request("/", { headers: KEY });
    equal(res.status, 200);
    match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    const html = await res.text();
    for (const service of ["api", "web"]) {
      const dora = (await cliJson(h, ["context", service])).dora as Record<string, unknown>;
      const row = new RegExp(`<tr data-service="${service}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
      ok(row, `a row for ${service}`);
      match(row, new RegExp(`data-figure="cfr">${percent(dora["changeFailureRate"])}<`));
      match(row, /in sync/);
    }
  });

  await t.step("a service's page shows its deploys, patterns and DORA as reported", async () => {
    const html = await (await app.request("/services/web", { headers: KEY })).text();
    const history = (await cliJson(h, ["history", "web", "--limit", "200"])).deploys as {
      deployId: string;
    }[];
    deepEqual(
      [...html.matchAll(/<tr data-deploy="([^"]+)">/g)].map((m) => m[1]),
      history.map((d) => d.deployId),
    );
    equal((jsonOf(html, "timeline-data") as unknown[]).length, history.length);
    const context = await cliJson(h, ["context", "web"]);
    const patterns = context.failurePatterns as { errorClass: string }[];
    deepEqual(
      [...html.matchAll(/<tr data-error-class="([^"]+)">/g)].map((m) => m[1]),
      patterns.map((p) => p.errorClass),
    );
    ok(patterns.length > 0, "the broken image taught a pattern");
    const dora = context.dora as Record<string, unknown>;
    match(html, new RegExp(`data-figure="deploys">${dora["deploys"]}<`));
    match(html, /<a href="\/services\/api">api<\/a>/);
  });

  await t.step("the graph page embeds memory_graph's nodes, resources folded", async () => {
    const html = await (await app.request("/graph", { headers: KEY })).text();
    const graph = await cliJson(h, ["memory", "graph"]) as { nodes: unknown[] };
    const nodes = (jsonOf(html, "graph-data") as { data: { kind?: string; source?: string } }[])
      .filter((e) => e.data.source === undefined);
    equal(nodes.length, graph.nodes.length);
    ok(!nodes.some((n) => n.data.kind === "resource"));
    const bad = await app.request("/graph?kind=planet", { headers: KEY });
    equal(bad.status, 400);
    match(await bad.text(), /kind/);
  });

  await t.step("pages for unknown or invalid services say what is wrong", async () => {
    const unknown = await app.request("/services/nope", { headers: KEY });
    equal(unknown.status, 404);
    match(
      await unknown.text(),
      /Memory knows no service &quot;nope&quot;|Memory knows no service "nope"/,
    );
    const invalid = await app.request("/services/Not_A_Name", { headers: KEY });
    equal(invalid.status, 400);
    match(await invalid.text(), /service/);
  });

  await t.step("heal shows the drift it would repair before anything runs", async () => {
    const asked = await app.request("/services/web/heal", form({}));
    equal(asked.status, 200);
    match(await asked.text(), /0 of 1 objects drifted; heal re-applies/);
  });

  await t.step(
    "the browser files are served from the module graph, licences with them",
    async () => {
      const graphLib = await app.request("/ui/assets/cytoscape.mjs");
      equal(graphLib.headers.get("content-type"), "text/javascript; charset=utf-8");
      ok((await graphLib.text()).includes('version="3.35.0"'));
      match(await (await app.request("/ui/assets/cytoscape-license.txt")).text(), /Cytoscape/);
      match(await (await app.request("/ui/assets/uplot-license.txt")).text(), /MIT|Permission/);
      const missing = await app.request("/ui/assets/jquery.js");
      equal(missing.status, 404);
      await missing.body?.cancel();
    },
  );

  await t.step("rollback shows its plan, then runs only when confirmed", async () => {
    const before = (await cliJson(h, ["history", "web"])).deploys as unknown[];
    const asked = await app.request("/services/web/rollback", form({}));
    equal(asked.status, 200);
    match(await asked.text(), /Yes, rollback web/);
    equal(((await cliJson(h, ["history", "web"])).deploys as unknown[]).length, before.length);
    const done = await app.request("/services/web/rollback", form({ confirm: "yes" }));
    equal(done.status, 303);
    const stream = await eventsUntilFinished(app);
    match(stream, /event: progress\ndata: .*"line":"rollback started"/);
    match(stream, /event: finished\ndata: .*"outcome":"rolledback"/);
    const after = (await cliJson(h, ["history", "web"])).deploys as { status: string }[];
    equal(after.length, before.length + 1);
    equal(after[0]?.status, "rolledback");
  });
});
