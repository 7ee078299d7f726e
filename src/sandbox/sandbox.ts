/** startSandbox: composes the store, the simulated controllers and the HTTPS door into one cluster. */
import { type Clock, type Logger, silentLogger, systemClock } from "../shared/mod.ts";
import { KULTA_CRD } from "../progressive/mod.ts";
import { SandboxCluster, SandboxCore } from "./core/mod.ts";
import { type ControllerOptions, startControllers } from "./controllers/mod.ts";
import { type FaultRule, type SandboxServer, startSandboxServer } from "./http/mod.ts";
import type { JsonObject } from "./types.ts";

/** Options of {@linkcode startSandbox}. */
export interface SandboxOptions {
  /** Time source. @default systemClock (controllers then advance in real time) */
  clock?: Clock;
  /**
   * When true, time moves only through `clock` and `tick()` runs due controller work;
   * use with a `fixedClock` for deterministic tests. @default false
   */
  manualTime?: boolean;
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /** Loopback address. @default "127.0.0.1" */
  hostname?: string;
  /** Bearer token clients must send. @default random */
  token?: string;
  /** Tunables of the simulated controllers (ready delay, failing images, KULTA). */
  controllers?: ControllerOptions;
  /** Fault rules active from the start; change them at run time through `server.faults`. */
  faults?: FaultRule[];
  /** Random numbers in [0, 1) for sampling fault rates; inject a seeded one for repeatable runs. */
  random?: () => number;
  /** State exported by a previous sandbox (`exportState()`), loaded at start. */
  state?: JsonObject;
  /** Where the HTTPS server logs requests (debug) and faults (error). @default silentLogger */
  log?: Logger;
  /**
   * Installs KULTA at start: its `rollouts.kulta.io` CRD is applied, so its simulated
   * controller (always running) has Rollouts to drive. @default false
   */
  withKulta?: boolean;
}

/** A running sandbox cluster. */
export interface Sandbox {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** The store and API verbs behind both doors. */
  readonly core: SandboxCore;
  /** The HTTPS API server. */
  readonly server: SandboxServer;
  /** The in-process door: a ClusterPort that skips HTTP. */
  readonly cluster: SandboxCluster;
  /** A kubeconfig (YAML) for kubectl and @kubernetes/client-node. */
  kubeconfig(options?: { context?: string; namespace?: string }): string;
  /** Runs controller work that is due (useful with `manualTime`). */
  tick(): void;
  /** Everything stored, to save and load later. */
  exportState(): JsonObject;
  /** What the sandbox does not emulate, in one paragraph for users. */
  readonly limitations: string;
  /** Stops the controllers and the clock timer, then shuts the server down. */
  close(): Promise<void>;
}

/** What the sandbox does not do, shown by `nopea sandbox` and documented in README. */
export const SANDBOX_LIMITATIONS: string =
  "The sandbox emulates the Kubernetes API (discovery, storage, server-side apply, watch, " +
  "status) and simulates controllers. Writes of built-in kinds are checked against the " +
  "Kubernetes OpenAPI schemas (422 Invalid for wrong types) plus the common validations; " +
  "custom resources are pruned, defaulted and checked against their CRD's schema, and " +
  "`additionalPrinterColumns` show in `kubectl get`. `kubectl create` and `kubectl run` work " +
  "(protobuf is read for built-in kinds). It runs no containers (`logs`, `exec` and " +
  "`port-forward` are refused), enforces no RBAC (any holder of the token is admin), calls no " +
  "admission or conversion webhooks, and evaluates no CEL rules (`x-kubernetes-validations`).";

/**
 * Starts a sandbox cluster: storage, simulated controllers and the HTTPS API server.
 *
 * @example Start, talk to it in-process, stop
 * ```ts
 * import { startSandbox } from "@nopea/nopea/sandbox";
 * import { ok } from "node:assert/strict";
 * const sandbox = await startSandbox();
 * ok(await sandbox.cluster.get({ apiVersion: "v1", kind: "Namespace", name: "default" }));
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const core = new SandboxCore({ clock });
  if (options.state) core.importState(options.state);
  const controllers = startControllers(core.controllerApi(), options.controllers ?? {});
  if (!options.manualTime) core.startTimer();
  const server = await startSandboxServer({
    api: core,
    clock,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.random === undefined ? {} : { random: options.random }),
    log: options.log ?? silentLogger,
  });
  const cluster = new SandboxCluster(core);
  if (options.withKulta) await cluster.apply(KULTA_CRD, { fieldManager: "nopea-sandbox" });
  return {
    url: server.url,
    core,
    server,
    cluster,
    kubeconfig: (o) => server.kubeconfig(o),
    tick: () => core.runDue(),
    exportState: () => core.exportState(),
    limitations: SANDBOX_LIMITATIONS,
    close: async () => {
      controllers.stop();
      core.stopTimer();
      await server.shutdown();
    },
  };
}
