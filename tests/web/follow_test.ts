/** Deploys recorded by other processes reach open pages through the live events. */
import { doesNotMatch, equal, match } from "node:assert/strict";
import { createEngine, type Engine } from "../../src/engine/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { createWebApp, liveEngine, liveHub } from "../../src/web/mod.ts";

const config = (name: string) => [
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } },
];

function deploy(engine: Engine, service: string) {
  return engine.deploy({ service, namespace: "default", manifests: config(`${service}-cfg`) });
}

/** The live events from the first on, until `until` matches (one reopening of a closed stream). */
async function eventsUntil(app: ReturnType<typeof createWebApp>, until: RegExp): Promise<string> {
  let text = "";
  for (let opened = 0; opened < 2 && !until.test(text); opened++) {
    const res = await app.request("/ui/events?after=0");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    text = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += read.value;
      if (until.test(text)) break;
    }
    await reader.cancel();
  }
  return text;
}

Deno.test("a deploy another process records shows on open pages, with its outcome", async () => {
  await using deps = await testDeps();
  const hub = liveHub();
  const web = createWebApp(liveEngine(createEngine(deps), hub), {
    hub,
    followEveryMs: 0,
    clock: deps.clock,
  });
  const other = createEngine(deps);
  const result = await deploy(other, "api");
  equal(result.status, "completed");
  const text = await eventsUntil(web, /recorded by another process/);
  match(
    text,
    new RegExp(
      `event: finished\\ndata: .*"service":"api","operation":"deploy",` +
        `"line":"deploy ${result.deployId} recorded by another process: completed"`,
    ),
  );
});

Deno.test("the server's own deploys and deploys from before it started are not told as news", async () => {
  await using deps = await testDeps();
  const other = createEngine(deps);
  equal((await deploy(other, "old")).status, "completed");
  deps.clock.advance(60_000);
  const hub = liveHub();
  const server = liveEngine(createEngine(deps), hub);
  const web = createWebApp(server, { hub, followEveryMs: 0, clock: deps.clock });
  equal((await deploy(server, "web")).status, "completed");
  equal((await deploy(other, "api")).status, "completed");
  const text = await eventsUntil(web, /"service":"api".*recorded by another process/);
  match(
    text,
    /"service":"api","operation":"deploy","line":"deploy \w+ recorded by another process/,
  );
  match(text, /"service":"web","operation":"deploy","line":"deploy finished: completed"/);
  doesNotMatch(text, /"service":"web"[^\n]*recorded by another process/);
  doesNotMatch(text, /"service":"old"/);
});
