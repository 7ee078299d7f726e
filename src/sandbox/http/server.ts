/** startSandboxServer: the sandbox's HTTPS door, speaking the Kubernetes REST protocol on loopback. */
import {
  type Clock,
  type Logger,
  NopeaError,
  silentLogger,
  systemClock,
} from "../../shared/mod.ts";
import type { SandboxApi } from "../api_types.ts";
import { generateCertificates } from "./certificates.ts";
import { FaultInjector } from "./_fault_injector.ts";
import type { FaultController, FaultRule } from "./faults.ts";
import { type HandlerContext, handleRequest } from "./_handler.ts";
import { kubeconfigYaml } from "./_kubeconfig.ts";
import { type Passthrough, startPassthrough } from "./_passthrough.ts";
import { statusResponse, toStatusError } from "./_status.ts";

/** Options of {@linkcode startSandboxServer}. */
export interface SandboxServerOptions {
  /** The API verbs (a `SandboxCore`). */
  api: SandboxApi;
  /** Listen address; must be loopback unless `allowRemote`. @default {"127.0.0.1"} */
  hostname?: string;
  /** Accept a non-loopback `hostname`. @default {false} */
  allowRemote?: boolean;
  /** Port; 0 picks a free one. @default {0} */
  port?: number;
  /** Bearer token every request but /healthz, /livez, /readyz must carry. @default random */
  token?: string;
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** RNG for fault sampling, in [0, 1). @default {Math.random} */
  random?: () => number;
  /** Time for Table ages; pass the core's clock. @default systemClock */
  clock?: Clock;
  /** Interval of watch BOOKMARK events. @default {60000} */
  bookmarkIntervalMs?: number;
  /** Where request lines (debug) and server faults (error) go. @default silentLogger */
  log?: Logger;
}

/** A running sandbox API server. */
export interface SandboxServer {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  /** The listening port. */
  readonly port: number;
  /** The bearer token clients must send. */
  readonly token: string;
  /** The CA certificate (PEM) that signed the server certificate. */
  readonly caPem: string;
  /** A kubeconfig (YAML) with the CA, the URL and the token; context "nopea-sandbox". */
  kubeconfig(options?: { context?: string; namespace?: string }): string;
  /** Fault rules and counters, changeable at run time. */
  readonly faults: FaultController;
  /** Closes open watches and connections, then stops listening. */
  shutdown(): Promise<void>;
}

const WATCH_MAX_SECONDS = 1800;

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function urlHost(hostname: string): string {
  if (hostname === "0.0.0.0" || hostname === "::") return "127.0.0.1";
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}

/**
 * Starts the HTTPS API server: a fresh CA and server certificate, bearer-token auth,
 * the REST paths, discovery, OpenAPI, watch, Tables and fault injection.
 *
 * @throws {NopeaError} `SPEC_INVALID` for a non-loopback hostname without `allowRemote`,
 * or an invalid fault rule
 *
 * @example Start in front of a SandboxCore, read a namespace over HTTPS, stop
 * ```ts
 * import { startSandboxServer } from "./server.ts";
 * import { SandboxCore } from "@nopea/nopea/sandbox";
 * import { systemClock } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const server = await startSandboxServer({ api: new SandboxCore({ clock: systemClock }) });
 * const client = Deno.createHttpClient({ caCerts: [server.caPem] });
 * const res = await fetch(`${server.url}/api/v1/namespaces/default`, {
 *   client,
 *   headers: { authorization: `Bearer ${server.token}` },
 * });
 * equal((await res.json()).metadata.name, "default");
 * client.close();
 * await server.shutdown();
 * ```
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  if (!isLoopback(hostname) && !options.allowRemote) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot start the sandbox server on "${hostname}": the address is not loopback`,
      { hint: "Use 127.0.0.1, or pass allowRemote to expose the sandbox to other machines" },
    );
  }
  const faults = new FaultInjector(options.random ?? Math.random, options.faults ?? []);
  const token = options.token ?? randomToken();
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const certs = await generateCertificates({ hosts: [hostname] });
  const sleeps = new Set<() => void>();
  const open = new Set<() => void>();
  const inFlight = new Set<Promise<void>>();
  const ctx: HandlerContext = {
    api: options.api,
    hub: {
      api: options.api,
      open,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      maxTimeoutSeconds: WATCH_MAX_SECONDS,
    },
    now: () => clock.now(),
    token,
    faults,
    log,
    serverAddress: "",
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleeps.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        sleeps.add(done);
      }),
    drop: (port) => front.drop(port),
  };
  const backend = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
    onError: (e) => statusResponse(toStatusError(e)),
  }, (req, info) => {
    const completed = info.completed.catch(() => {});
    inFlight.add(completed);
    completed.then(() => inFlight.delete(completed));
    return handleRequest(ctx, req, info.remoteAddr.port);
  });
  let front: Passthrough;
  try {
    front = await startPassthrough(hostname, options.port ?? 0, backend.addr.port, {
      cert: certs.certPem,
      key: certs.keyPem,
    });
  } catch (cause) {
    await backend.shutdown();
    const reason = cause instanceof Deno.errors.AddrInUse
      ? "the address is already in use"
      : String(cause);
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot start the sandbox server on "${hostname}:${options.port}": ${reason}`,
      { hint: "Pick another port, or 0 for a free one", cause },
    );
  }
  const port = front.addr.port;
  const url = `https://${urlHost(hostname)}:${port}`;
  ctx.serverAddress = `${urlHost(hostname)}:${port}`;
  log.log("info", "Sandbox API server listening", { url });
  return {
    url,
    port,
    token,
    caPem: certs.caPem,
    faults,
    kubeconfig: (o = {}) => kubeconfigYaml({ server: url, caPem: certs.caPem, token, ...o }),
    async shutdown() {
      for (const close of [...open]) close();
      for (const wake of [...sleeps]) wake();
      // Let every answer (and closed watch) reach its client, then cut the connections
      // before the graceful shutdown: an HTTP/2 GOAWAY crashes Deno's node:http2 client.
      await Promise.all([...inFlight]);
      await front.close();
      await backend.shutdown();
    },
  };
}
