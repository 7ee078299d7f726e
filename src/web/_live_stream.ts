/** `GET /ui/events`: the live hub's messages as server-sent events. */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { LiveHub, SentMessage } from "./_live.ts";
import type { MemoryFollower } from "./_follow.ts";

/** Longest a stream stays open; the browser reconnects, so a stopping server never waits long. */
const STREAM_MS = 15_000;

/**
 * Where the stream starts: after the `Last-Event-ID` a reconnecting browser sends, else after
 * the `after` the page was rendered with, else from now.
 */
function startAfter(c: Context, hub: LiveHub): number {
  const given = c.req.header("last-event-id") ?? c.req.query("after");
  const seq = Number(given);
  return given !== undefined && Number.isInteger(seq) && seq >= 0 ? seq : hub.lastSeq();
}

/** Resolves after {@linkcode STREAM_MS} or when the browser goes away, whichever is first. */
function closing(onAbort: (listener: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, STREAM_MS);
    onAbort(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Least time between two looks at memory while a stream waits. */
const LEAST_POLL_MS = 50;

/** Resolves on `wake` or after `ms`, whichever is first; the timer never outlives it. */
function wakeOrAfter(ms: number, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    setWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The stream: `progress` and `finished` events (JSON of a message, its `seq` as the id). With a
 * `follower`, memory is looked at while the stream waits, so other processes' deploys show too.
 */
export function liveStream(c: Context, hub: LiveHub, follower?: MemoryFollower): Response {
  return streamSSE(c, async (stream) => {
    const queue: SentMessage[] = [];
    let wake = () => {};
    const unsubscribe = hub.subscribe((message) => {
      queue.push(message);
      wake();
    });
    queue.push(...hub.since(startAfter(c, hub)));
    let open = true;
    closing((listener) => stream.onAbort(listener)).then(() => {
      open = false;
      wake();
    });
    await stream.writeSSE({ event: "hello", data: "{}", retry: 1000 });
    const pollMs = Math.max(follower?.everyMs ?? 0, LEAST_POLL_MS);
    while (open) {
      if (queue.length === 0 && follower) {
        await wakeOrAfter(pollMs, (w) => (wake = w));
        if (open) await follower.check();
      } else if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      for (const message of queue.splice(0)) {
        await stream.writeSSE({
          event: message.outcome === undefined ? "progress" : "finished",
          data: JSON.stringify(message),
          id: String(message.seq),
        });
      }
    }
    unsubscribe();
  });
}
