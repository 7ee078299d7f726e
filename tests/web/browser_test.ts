/**
 * The web view in a real browser: Debian's chromium driven by playwright-core, against
 * `nopea serve` on the sandbox after a scripted history. Runs when chromium is installed
 * (`.ci/run` installs it; CHROMIUM_PATH names another one) and says so otherwise. Screenshots
 * of every page go to tests/web/out/.
 */
import { equal, match, ok } from "node:assert/strict";
import { type Browser, chromium, type Page } from "playwright-core";
import { startServe } from "../http/_serve.ts";
import { historyWorld } from "./_history.ts";
import { cliJson, percent } from "./_requests.ts";

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
const FOUND = await Deno.stat(CHROMIUM).then(() => true, () => false);
const OUT = new URL("./out/", import.meta.url).pathname;

/** A page that records every console error, uncaught exception and failed request. */
async function watchedPage(browser: Browser, problems: string[], js = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (!r.url().includes("/ui/events")) problems.push(`failed: ${r.url()}`);
  });
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  return page;
}

Deno.test({
  name: `the web view works in chromium${FOUND ? "" : ` (skipped: no chromium at ${CHROMIUM})`}`,
  ignore: !FOUND,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using h = await historyWorld();
    const serve = startServe(["--kubeconfig", h.world.kubeconfig], {
      NOPEA_MEMORY_DIR: `${h.world.dir}/.nopea`,
    }, h.world.dir);
    const url = await serve.url;
    const key = (await Deno.readTextFile(`${h.world.dir}/.nopea/api-key`)).trim();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    await Deno.mkdir(OUT, { recursive: true });
    const problems: string[] = [];
    try {
      const page = await watchedPage(browser, problems);
      await t.step("the page asks for the key once, then lists the services", async () => {
        await page.goto(`${url}/`);
        match(page.url(), /\/ui\/login\?next=%2F$/);
        await page.fill("input[name=key]", key);
        await page.click("button[type=submit]");
        await page.waitForSelector("table.services");
        for (const service of ["api", "web"]) {
          const dora = (await cliJson(h, ["context", service])).dora as Record<string, unknown>;
          const cfr = await page.textContent(`tr[data-service=${service}] [data-figure=cfr]`);
          equal(cfr, percent(dora["changeFailureRate"]));
        }
        await page.screenshot({ path: `${OUT}services.png`, fullPage: true });
      });
      await t.step("the services page weighs under 200 KB with everything it loads", async () => {
        const fresh = await watchedPage(browser, problems);
        await fresh.context().addCookies(await page.context().cookies());
        const sizes: Promise<number>[] = [];
        fresh.on("response", (r) => {
          if (!r.url().includes("/ui/events")) sizes.push(r.body().then((b) => b.length));
        });
        await fresh.goto(`${url}/`, { waitUntil: "load" });
        const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
        ok(bytes > 0 && bytes < 200_000, `services page: ${bytes} bytes`);
      });
      await t.step("a service's page draws its timeline and shows context's DORA", async () => {
        await page.click("a[href='/services/web']");
        await page.waitForSelector("#timeline[data-drawn]");
        const history = (await cliJson(h, ["history", "web", "--limit", "200"]))
          .deploys as unknown[];
        equal(await page.getAttribute("#timeline", "data-drawn"), String(history.length));
        const dora = (await cliJson(h, ["context", "web"])).dora as Record<string, unknown>;
        equal(await page.textContent("[data-figure=deploys]"), String(dora["deploys"]));
        equal(await page.textContent("dd[data-figure=cfr]"), percent(dora["changeFailureRate"]));
        await page.screenshot({ path: `${OUT}service.png`, fullPage: true });
      });
      await t.step("the graph has memory's nodes, and a service's node list opens it", async () => {
        await page.goto(`${url}/graph`);
        await page.waitForSelector("#graph[data-nodes]");
        const graph = await cliJson(h, ["memory", "graph"]) as { nodes: unknown[] };
        equal(await page.getAttribute("#graph", "data-nodes"), String(graph.nodes.length));
        await page.screenshot({ path: `${OUT}graph.png`, fullPage: true });
        await page.click("ul.nodes a[href='/services/api']");
        await page.waitForSelector("h1:text('api')");
      });
      await t.step("rollback asks for confirmation, then rolls back live", async () => {
        const before = ((await cliJson(h, ["history", "web"])).deploys as unknown[]).length;
        await page.goto(`${url}/services/web`);
        await page.click("button:text('Roll back…')");
        await page.waitForSelector("text=Yes, rollback web");
        await page.screenshot({ path: `${OUT}confirm.png`, fullPage: true });
        equal(((await cliJson(h, ["history", "web"])).deploys as unknown[]).length, before);
        await page.click("button:text('Yes, rollback web')");
        const finished = await page.waitForSelector("#live li.finished");
        match(await finished.textContent() ?? "", /rollback finished: rolledback/);
        const after = (await cliJson(h, ["history", "web"])).deploys as { status: string }[];
        equal(after.length, before + 1);
        equal(after[0]?.status, "rolledback");
      });
      await t.step("keyboard first: Tab reaches the skip link; dark mode is dark", async () => {
        await page.goto(`${url}/`);
        await page.keyboard.press("Tab");
        equal(await page.evaluate("document.activeElement?.textContent"), "Skip to content");
        await page.emulateMedia({ colorScheme: "dark" });
        const background = await page.evaluate("getComputedStyle(document.body).background");
        match(String(background), /rgb\(18, 18, 18\)/);
      });
      await t.step("without JavaScript the lists and figures are there", async () => {
        const plain = await watchedPage(browser, problems, false);
        await plain.goto(`${url}/ui/login`);
        await plain.fill("input[name=key]", key);
        await plain.click("button[type=submit]");
        ok(await plain.isVisible("tr[data-service=web] [data-figure=cfr]"));
        await plain.goto(`${url}/services/web`);
        ok(await plain.isVisible("tr[data-deploy]"));
      });
      equal(problems.join("\n"), "", "no console error, exception or failed request");
    } finally {
      await browser.close();
      serve.stop();
      await serve.code;
    }
  },
});
