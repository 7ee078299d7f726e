import { deepEqual, equal, match } from "node:assert/strict";
import {
  buildDeployEvent,
  type CdEvent,
  HttpEventEmitter,
  type HttpEventEmitterOptions,
} from "../../src/events/mod.ts";
import { memoryLogger } from "../../src/shared/mod.ts";

interface Seen {
  headers: Record<string, string>;
  body: unknown;
}

/** A local HTTP receiver answering with `statuses` in turn, then 202. */
function receiver(statuses: number[] = []) {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    seen.push({ headers: Object.fromEntries(r.headers), body: await r.json() });
    return new Response(null, { status: statuses.shift() ?? 202 });
  });
  return {
    seen,
    url: `http://127.0.0.1:${server.addr.port}/events`,
    ids: () => seen.map((s) => (s.body as CdEvent).context.id),
    close: () => server.shutdown(),
  };
}

function event(id: string, firstDeploy = true): CdEvent {
  return buildDeployEvent({
    deployId: "01JQ7Z0000000000000000000A",
    service: "payments",
    namespace: "prod",
    strategy: "direct",
    status: "completed",
    durationMs: 1500,
    images: ["payments:2.3.1"],
    firstDeploy,
  }, { source: "/nopea/prod-cluster", id, now: "2026-03-06T12:00:00Z" })!;
}

function emitter(url: string, more: Partial<HttpEventEmitterOptions> = {}) {
  const log = memoryLogger();
  const delays: number[] = [];
  const sleep = (ms: number) => {
    delays.push(ms);
    return Promise.resolve();
  };
  const e = new HttpEventEmitter({ url, source: "/nopea/prod-cluster", log, sleep, ...more });
  const warnings = () => log.records.filter((r) => r.level === "warn").map((r) => r.message);
  return { e, delays, warnings };
}

Deno.test("HttpEventEmitter POSTs each event in CloudEvents binary mode, in order", async () => {
  const sink = receiver();
  const { e, warnings } = emitter(sink.url);
  const first = event("id-1");
  e.emit(first);
  e.emit(event("id-2", false));
  equal(sink.seen.length, 0, "emit() returns before anything is sent");
  await e.flush(60_000);
  deepEqual(sink.ids(), ["id-1", "id-2"]);
  const { headers, body } = sink.seen[0]!;
  deepEqual(
    [
      headers["ce-specversion"],
      headers["ce-id"],
      headers["ce-source"],
      headers["ce-type"],
      headers["ce-subject"],
      headers["ce-time"],
      headers["content-type"],
    ],
    [
      "1.0",
      "id-1",
      "/nopea/prod-cluster",
      "dev.cdevents.service.deployed.0.2.0",
      "prod/payments",
      "2026-03-06T12:00:00Z",
      "application/json",
    ],
  );
  deepEqual(body, first);
  deepEqual(warnings(), []);
  await e.close();
  await sink.close();
});

Deno.test("HttpEventEmitter retries after 500s with exponential backoff, then delivers", async () => {
  const sink = receiver([500, 503, 500]);
  const { e, delays, warnings } = emitter(sink.url);
  e.emit(event("id-1"));
  await e.flush(60_000);
  deepEqual(sink.ids(), ["id-1", "id-1", "id-1", "id-1"]);
  deepEqual(delays, [1000, 2000, 4000]);
  deepEqual(warnings(), []);
  await e.close();
  await sink.close();
});

Deno.test("HttpEventEmitter drops an event with a warning after 3 retries and goes on", async () => {
  const sink = receiver([500, 500, 500, 500]);
  const { e, warnings } = emitter(sink.url);
  e.emit(event("id-1"));
  e.emit(event("id-2"));
  await e.flush(60_000);
  deepEqual(sink.ids(), ["id-1", "id-1", "id-1", "id-1", "id-2"]);
  deepEqual(warnings(), ["CDEvent dropped after 4 attempts: HTTP 500 Internal Server Error"]);
  await e.close();
  await sink.close();
});

Deno.test("HttpEventEmitter never throws when the sink is down", async () => {
  const sink = receiver();
  await sink.close();
  const { e, delays, warnings } = emitter(sink.url);
  e.emit(event("id-1"));
  await e.flush(60_000);
  deepEqual(delays, [1000, 2000, 4000]);
  equal(warnings().length, 1);
  match(warnings()[0] ?? "", /^CDEvent dropped after 4 attempts: /);
  await e.close();
});

Deno.test("HttpEventEmitter drops the oldest waiting event when its queue is full", async () => {
  const sink = receiver([500]);
  let sleeping = Promise.withResolvers<void>();
  const gate = Promise.withResolvers<void>();
  const sleep = () => {
    sleeping.resolve();
    return gate.promise;
  };
  const { e, warnings } = emitter(sink.url, { maxQueue: 2, sleep });
  e.emit(event("id-1"));
  await sleeping.promise; // id-1 failed once and waits for its retry
  sleeping = Promise.withResolvers<void>();
  for (const id of ["id-2", "id-3", "id-4"]) e.emit(event(id));
  deepEqual(warnings(), ["CDEvent dropped: more than 2 are waiting"]);
  gate.resolve();
  await e.flush(60_000);
  deepEqual(sink.ids(), ["id-1", "id-1", "id-3", "id-4"]);
  await e.close();
  await sink.close();
});

Deno.test("HttpEventEmitter drops what is waiting when closed and refuses later events", async () => {
  const sink = receiver([500]);
  const gate = Promise.withResolvers<void>();
  const sleeping = Promise.withResolvers<void>();
  const { e, warnings } = emitter(sink.url, {
    sleep: () => (sleeping.resolve(), gate.promise),
  });
  e.emit(event("id-1"));
  await sleeping.promise;
  e.emit(event("id-2"));
  await e.close();
  e.emit(event("id-3"));
  deepEqual(sink.ids(), ["id-1"]);
  deepEqual(warnings(), [
    "2 CDEvent(s) not delivered: the emitter was closed",
    "CDEvent dropped: the emitter is closed or has no valid URL",
  ]);
  await sink.close();
});

Deno.test("HttpEventEmitter with an invalid URL warns once and drops events", async () => {
  const { e, warnings } = emitter("not a url");
  e.emit(event("id-1"));
  await e.flush(60_000);
  deepEqual(warnings(), [
    `Cannot send CDEvents to "not a url": it is not an http(s) URL`,
    "CDEvent dropped: the emitter is closed or has no valid URL",
  ]);
  await e.close();
});

Deno.test("HttpEventEmitter resolves a lazy source once, on first use", () => {
  let calls = 0;
  const e = new HttpEventEmitter({
    url: "http://127.0.0.1:9/",
    source: () => `/nopea/host-${++calls}`,
  });
  equal(e.source, "/nopea/host-1");
  equal(e.source, "/nopea/host-1");
});

Deno.test("HttpEventEmitter.flush() gives up after its timeout with a warning", async () => {
  const sink = receiver([500]);
  const sleeping = Promise.withResolvers<void>();
  const { e, warnings } = emitter(sink.url, {
    sleep: () => (sleeping.resolve(), new Promise<void>(() => {})),
  });
  e.emit(event("id-1"));
  await sleeping.promise;
  await e.flush(0);
  deepEqual(warnings(), ["CDEvents still undelivered after 0ms"]);
  await e.close();
  await sink.close();
});
