/** Test harness: a sandbox HTTPS server in front of a FakeApi, and a fetch that trusts its CA. */
import {
  type SandboxServer,
  type SandboxServerOptions,
  startSandboxServer,
} from "../../../src/sandbox/http/mod.ts";
import type { SandboxApi } from "../../../src/sandbox/api_types.ts";
import { FakeApi } from "./_fake_api.ts";

/** A running server plus helpers; dispose with `await using`. */
export interface Harness<A extends SandboxApi = FakeApi> extends AsyncDisposable {
  server: SandboxServer;
  api: A;
  client: Deno.HttpClient;
  /** fetch on the server with the bearer token (unless `auth: false`). */
  request(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  /** `request` then `json()`, with the status. */
  json(
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Starts a server in front of `api` (a fresh FakeApi by default). */
export async function startHarness<A extends SandboxApi = FakeApi>(
  options: Partial<SandboxServerOptions> & { api?: A } = {},
): Promise<Harness<A>> {
  const api = (options.api ?? new FakeApi()) as A;
  const server = await startSandboxServer({ ...options, api });
  const client = Deno.createHttpClient({ caCerts: [server.caPem] });
  async function request(path: string, init: RequestInit & { auth?: boolean } = {}) {
    const headers = new Headers(init.headers);
    if (init.auth !== false) headers.set("authorization", `Bearer ${server.token}`);
    return await fetch(`${server.url}${path}`, { ...init, headers, client });
  }
  return {
    server,
    api,
    client,
    request,
    async json(path, init) {
      const res = await request(path, init);
      return { status: res.status, body: await res.json() };
    },
    async [Symbol.asyncDispose]() {
      client.close();
      await server.shutdown();
    },
  };
}

/** JSON request options for a write. */
export function body(
  method: string,
  value: unknown,
  contentType = "application/json",
): RequestInit {
  return {
    method,
    headers: { "content-type": contentType },
    body: typeof value === "string" ? value : JSON.stringify(value),
  };
}

/** Reads newline-delimited JSON events from a watch response until `count` arrived. */
export async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
  state: { buffer: string } = { buffer: "" },
): Promise<Record<string, unknown>[]> {
  const decoder = new TextDecoder();
  const events: Record<string, unknown>[] = [];
  while (events.length < count) {
    const newline = state.buffer.indexOf("\n");
    if (newline >= 0) {
      events.push(JSON.parse(state.buffer.slice(0, newline)));
      state.buffer = state.buffer.slice(newline + 1);
      continue;
    }
    const { value, done } = await reader.read();
    if (done) break;
    state.buffer += decoder.decode(value, { stream: true });
  }
  return events;
}
