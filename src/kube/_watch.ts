/** A watch session: list for a starting point, stream events, resume after drops, relist on 410. */
import { isNopeaError, type Logger } from "../shared/mod.ts";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import type { WatchEvent, WatchHandle } from "./cluster_port.ts";
import { backoffDelay, type BackoffPolicy } from "./_backoff.ts";
import { retitle } from "./_errors.ts";
import { readJsonLines } from "./_json_lines.ts";
import { isConnectionError } from "./_retry.ts";
import { errorFromStatus, type KubeStatus } from "./status_error.ts";

/** What a watch session needs from the adapter. */
export interface WatchSource {
  apiVersion: string;
  kind: string;
  /** The collection's current resourceVersion (a list); events after it are reported. */
  resourceVersion(): Promise<string>;
  /** Opens the event stream after `resourceVersion`; rejects with a NopeaError when it cannot. */
  open(resourceVersion: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  backoff: BackoffPolicy;
  sleep(ms: number): Promise<void>;
  log: Logger;
}

const EXPIRED = Symbol("expired");
const TYPES = new Set(["ADDED", "MODIFIED", "DELETED"]);

/**
 * Starts watching; resolves once the first stream is open. `done` resolves after
 * `stop()`, and rejects when the watch fails for good (it is never unhandled).
 */
export async function startWatch(
  source: WatchSource,
  onEvent: (event: WatchEvent) => void,
): Promise<WatchHandle> {
  const controller = new AbortController();
  const state = { rv: await source.resourceVersion() };
  const first = await source.open(state.rv, controller.signal);
  const done = follow(source, state, first, controller.signal, onEvent);
  done.catch(() => {});
  return { stop: () => controller.abort(), done };
}

async function follow(
  source: WatchSource,
  state: { rv: string },
  first: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (event: WatchEvent) => void,
): Promise<void> {
  let stream: ReadableStream<Uint8Array> | undefined = first;
  let quiet = 0;
  while (!signal.aborted) {
    try {
      stream ??= await source.open(state.rv, signal);
      const outcome = await drain(source, stream, state, onEvent, signal);
      quiet = outcome.events > 0 ? 0 : quiet + 1;
      if (outcome.expired) await relist(source, state);
    } catch (error) {
      if (signal.aborted) return;
      if (isNopeaError(error) && error.details?.["status"] === 410) {
        await relist(source, state);
      } else if (!isConnectionError(error)) {
        throw error;
      } else {
        source.log.log("debug", "Watch stream broke; reconnecting", { kind: source.kind });
        quiet++;
      }
    }
    stream = undefined;
    if (quiet > 0) await pause(source, backoffDelay(quiet - 1, source.backoff), signal);
  }
}

async function drain(
  source: WatchSource,
  stream: ReadableStream<Uint8Array>,
  state: { rv: string },
  onEvent: (event: WatchEvent) => void,
  signal: AbortSignal,
): Promise<{ events: number; expired: boolean }> {
  let events = 0;
  let expired = false;
  await readJsonLines(stream, (line) => {
    const result = handle(source, line, state);
    if (result === EXPIRED) {
      expired = true;
      return false;
    }
    if (result) {
      events++;
      onEvent(result);
    }
  }, signal);
  return { events, expired };
}

function handle(
  source: WatchSource,
  line: unknown,
  state: { rv: string },
): WatchEvent | typeof EXPIRED | undefined {
  if (!isPlainObject(line) || !isPlainObject(line["object"])) return undefined;
  const type = String(line["type"]);
  const object = line["object"];
  if (type === "ERROR") {
    const status = object as unknown as KubeStatus;
    if (status.code === 410) return EXPIRED;
    const err = errorFromStatus({ ...status, code: Number(status.code) || 500 }, { verb: "watch" });
    throw retitle(err, "watch", `Cannot watch ${source.kind}`);
  }
  const meta = isPlainObject(object["metadata"]) ? object["metadata"] : {};
  if (typeof meta["resourceVersion"] === "string") state.rv = meta["resourceVersion"];
  if (!TYPES.has(type)) return undefined;
  const obj = { apiVersion: source.apiVersion, kind: source.kind, ...object } as KubeObject;
  return { type: type as WatchEvent["type"], object: obj };
}

async function relist(source: WatchSource, state: { rv: string }): Promise<void> {
  source.log.log("warn", "Watch expired (410 Gone); restarting from a fresh list", {
    kind: source.kind,
  });
  state.rv = await source.resourceVersion();
}

function pause(source: WatchSource, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener("abort", () => resolve(), { once: true });
    source.sleep(ms).then(() => resolve(), () => resolve());
  });
}
