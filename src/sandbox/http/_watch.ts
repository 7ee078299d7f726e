/**
 * Watch: a chunked stream of newline-delimited JSON events, closed on timeout or shutdown, and
 * cleaned up when the client goes away (Deno.serve cancels the body stream).
 */
import type { ListQuery, RequestScope, SandboxApi, WireWatchEvent } from "../api_types.ts";
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";

/** Server-wide watch settings and the registry of open watches (closed on shutdown). */
export interface WatchHub {
  api: SandboxApi;
  /** Closers of the open watches. */
  open: Set<() => void>;
  /** Interval of BOOKMARK events for clients that allow them. */
  bookmarkIntervalMs: number;
  /** Longest (and default) watch duration. */
  maxTimeoutSeconds: number;
}

/** Per-request watch options. */
export interface WatchRequest {
  scope: RequestScope;
  type: ResourceType;
  query: ListQuery;
  timeoutSeconds?: number;
  bookmarks: boolean;
  /** Re-shapes event objects (Table watches); identity otherwise. */
  transform?: (object: JsonObject, first: boolean) => JsonObject;
}

function resourceVersionOf(object: JsonObject): string | undefined {
  const meta = object.metadata;
  const rv = typeof meta === "object" && meta !== null
    ? (meta as Record<string, unknown>).resourceVersion
    : undefined;
  return typeof rv === "string" && rv !== "" ? rv : undefined;
}

/**
 * Starts a watch and returns its streaming response. A 410 from the API (resourceVersion
 * too old) becomes an ERROR event carrying the Status, as kube sends it; other failures throw.
 */
export function watchResponse(hub: WatchHub, req: WatchRequest): Response {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => finish(),
  });
  const given = req.query.resourceVersion;
  let lastRv = given !== undefined && given !== "0" ? given : undefined;
  let closed = false;
  let stop: (() => void) | undefined;
  let first = true;
  const timers: ReturnType<typeof setTimeout>[] = [];

  function finish(): void {
    if (closed) return;
    closed = true;
    stop?.();
    timers.forEach((t) => clearTimeout(t));
    hub.open.delete(finish);
    try {
      controller.close();
    } catch {
      // already closed or errored by the client going away
    }
  }

  function send(event: WireWatchEvent): void {
    if (closed || (event.type === "BOOKMARK" && !req.bookmarks)) return;
    const rv = resourceVersionOf(event.object);
    if (rv !== undefined && event.type !== "ERROR") lastRv = rv;
    let object = event.object;
    if (req.transform && event.type !== "ERROR" && event.type !== "BOOKMARK") {
      object = req.transform(object, first);
      first = false;
    }
    try {
      controller.enqueue(encoder.encode(JSON.stringify({ type: event.type, object }) + "\n"));
    } catch {
      finish(); // the client went away between two events
      return;
    }
    if (event.type === "ERROR") finish();
  }

  try {
    const unsubscribe = hub.api.watch(req.scope, req.query, send);
    if (closed) unsubscribe();
    else stop = unsubscribe;
  } catch (e) {
    if (!(e instanceof StatusError && e.code === 410)) throw e;
    send({ type: "ERROR", object: e.toStatus() });
  }
  if (!closed) {
    hub.open.add(finish);
    const seconds = Math.min(req.timeoutSeconds ?? hub.maxTimeoutSeconds, hub.maxTimeoutSeconds);
    timers.push(setTimeout(finish, seconds * 1000));
    if (req.bookmarks) timers.push(setInterval(() => bookmark(), hub.bookmarkIntervalMs));
  }

  function bookmark(): void {
    if (lastRv === undefined) return;
    const apiVersion = req.type.group === ""
      ? req.type.version
      : `${req.type.group}/${req.type.version}`;
    send({
      type: "BOOKMARK",
      object: { kind: req.type.kind, apiVersion, metadata: { resourceVersion: lastRv } },
    });
  }

  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-cache, private" },
  });
}
