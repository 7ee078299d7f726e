import { deepEqual, equal, rejects } from "node:assert/strict";
import { startWatch, type WatchSource } from "../../src/kube/_watch.ts";
import type { WatchEvent } from "../../src/kube/mod.ts";
import { isNopeaError, NopeaError, silentLogger } from "../../src/shared/mod.ts";

/** A stream the test writes watch lines into. */
class Feed {
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  constructor() {
    this.stream = new ReadableStream({ start: (c) => void (this.#controller = c) });
  }
  send(type: string, object: Record<string, unknown>): void {
    this.#controller.enqueue(new TextEncoder().encode(JSON.stringify({ type, object }) + "\n"));
  }
  end(): void {
    this.#controller.close();
  }
}

function cm(name: string, rv: string) {
  return { metadata: { name, resourceVersion: rv }, data: {} };
}

/** A fake source: hands out queued feeds (or failures) and records the versions asked for. */
function fakeSource(listVersions: string[]) {
  const opened: string[] = [];
  const queue: (Feed | Error)[] = [];
  const waiters: (() => void)[] = [];
  let lists = 0;
  const source: WatchSource = {
    apiVersion: "v1",
    kind: "ConfigMap",
    backoff: { baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
    sleep: () => Promise.resolve(),
    log: silentLogger,
    resourceVersion: () => Promise.resolve(listVersions[lists++] ?? "999"),
    open: (rv) => {
      opened.push(rv);
      waiters.shift()?.();
      const next = queue.shift() ?? new Feed();
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next.stream);
    },
  };
  return {
    source,
    opened,
    queue,
    get lists() {
      return lists;
    },
    /** Resolves when `open` has been called `n` times. */
    async openedTimes(n: number): Promise<void> {
      while (opened.length < n) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

function collector() {
  const events: WatchEvent[] = [];
  const waiters: (() => void)[] = [];
  return {
    events,
    onEvent: (e: WatchEvent) => {
      events.push(e);
      waiters.shift()?.();
    },
    async count(n: number): Promise<void> {
      while (events.length < n) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

Deno.test("startWatch() starts after the listed version and reports changes with kind filled in", async () => {
  const fake = fakeSource(["10"]);
  const feed = new Feed();
  fake.queue.push(feed);
  const seen = collector();
  const handle = await startWatch(fake.source, seen.onEvent);
  deepEqual(fake.opened, ["10"]);
  feed.send("ADDED", cm("a", "11"));
  feed.send("BOOKMARK", { metadata: { resourceVersion: "12" } });
  feed.send("MODIFIED", cm("a", "13"));
  feed.send("DELETED", cm("a", "14"));
  await seen.count(3);
  deepEqual(seen.events.map((e) => [e.type, e.object.kind, e.object.apiVersion]), [
    ["ADDED", "ConfigMap", "v1"],
    ["MODIFIED", "ConfigMap", "v1"],
    ["DELETED", "ConfigMap", "v1"],
  ]);
  handle.stop();
  await handle.done;
});

Deno.test("startWatch() resumes from the last seen version when the stream ends", async () => {
  const fake = fakeSource(["10"]);
  const first = new Feed();
  const second = new Feed();
  fake.queue.push(first, second);
  const seen = collector();
  const handle = await startWatch(fake.source, seen.onEvent);
  first.send("ADDED", cm("a", "11"));
  first.send("BOOKMARK", { metadata: { resourceVersion: "15" } });
  first.end();
  await fake.openedTimes(2);
  second.send("MODIFIED", cm("a", "16"));
  await seen.count(2);
  deepEqual(fake.opened, ["10", "15"]);
  handle.stop();
  await handle.done;
});

Deno.test("startWatch() relists when the version expired (410 Gone)", async () => {
  const fake = fakeSource(["10", "50"]);
  const first = new Feed();
  fake.queue.push(first, new NopeaError("KUBE_SERVER_ERROR", "gone", { details: { status: 410 } }));
  const handle = await startWatch(fake.source, () => {});
  first.send("ERROR", { kind: "Status", code: 410, reason: "Expired", message: "too old" });
  await fake.openedTimes(3);
  deepEqual(fake.opened, ["10", "50", "999"]);
  equal(fake.lists, 3);
  handle.stop();
  await handle.done;
});

Deno.test("startWatch() retries a broken stream after a connection error", async () => {
  const fake = fakeSource(["10"]);
  const drop = new TypeError("fetch failed", {
    cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
  });
  const first = new Feed();
  fake.queue.push(first, drop);
  const handle = await startWatch(fake.source, () => {});
  first.end();
  await fake.openedTimes(3);
  handle.stop();
  await handle.done;
});

Deno.test("startWatch() fails the watch on an ERROR event that is not 410", async () => {
  const fake = fakeSource(["10"]);
  const feed = new Feed();
  fake.queue.push(feed);
  const handle = await startWatch(fake.source, () => {});
  feed.send("ERROR", { kind: "Status", code: 403, reason: "Forbidden", message: "no" });
  await rejects(handle.done, (e) => isNopeaError(e) && e.code === "KUBE_FORBIDDEN");
});

Deno.test("startWatch() fails the watch when reconnecting fails for good", async () => {
  const fake = fakeSource(["10"]);
  const first = new Feed();
  fake.queue.push(first, new NopeaError("KUBE_UNREACHABLE", "down"));
  const handle = await startWatch(fake.source, () => {});
  first.end();
  await rejects(handle.done, (e) => isNopeaError(e) && e.code === "KUBE_UNREACHABLE");
});

Deno.test("startWatch() rejects when the first stream cannot be opened", async () => {
  const fake = fakeSource(["10"]);
  fake.queue.push(new NopeaError("KUBE_FORBIDDEN", "no"));
  await rejects(
    startWatch(fake.source, () => {}),
    (e) => isNopeaError(e) && e.code === "KUBE_FORBIDDEN",
  );
});

Deno.test("startWatch() ends the watch with the error an event callback throws", async () => {
  const fake = fakeSource(["10"]);
  const feed = new Feed();
  fake.queue.push(feed);
  const handle = await startWatch(fake.source, () => {
    throw new RangeError("callback bug");
  });
  feed.send("ADDED", cm("a", "11"));
  await rejects(handle.done, RangeError);
});

Deno.test("startWatch() settles done when stopped while the stream is idle", async () => {
  const fake = fakeSource(["10"]);
  const handle = await startWatch(fake.source, () => {});
  handle.stop();
  handle.stop();
  await handle.done;
  equal(fake.opened.length, 1);
});
