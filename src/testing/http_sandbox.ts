/** A sandbox cluster over HTTPS with a KubeCluster client: the real client code path, in one process. */
import { KubeConfig } from "@kubernetes/client-node";
import { KubeCluster, type KubeClusterOptions } from "../kube/mod.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox/mod.ts";
import { fixedClock, type ManualClock } from "../shared/mod.ts";

/** Options of {@linkcode startHttpSandbox}. */
export interface HttpSandboxOptions extends Omit<SandboxOptions, "clock" | "manualTime"> {
  /** Start time of the manual clock. @default "2026-01-01T00:00:00Z" */
  start?: string;
  /** Options of the KubeCluster client. */
  client?: KubeClusterOptions;
}

/** A running HTTPS sandbox, the real client connected to it, and the manual clock driving both. */
export interface HttpSandbox extends AsyncDisposable {
  /** The running sandbox (its HTTPS server, store and controllers). */
  readonly sandbox: Sandbox;
  /** The manual clock the sandbox runs on. */
  readonly clock: ManualClock;
  /** `@kubernetes/client-node` talking HTTPS to the sandbox. */
  readonly cluster: KubeCluster;
  /** Moves time forward and runs the controller work that became due. */
  advance(ms: number): void;
  /** A sleep for the engine: advances the manual clock instead of waiting. */
  sleep(ms: number): Promise<void>;
  /** Stops the sandbox; `await using` calls it too. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox on a random loopback port with time under the caller's control, and connects
 * a KubeCluster to it through a kubeconfig carrying the sandbox's CA.
 *
 * @example
 * ```ts
 * import { startHttpSandbox } from "@nopea/nopea/testing";
 * import { ok } from "node:assert/strict";
 * await using h = await startHttpSandbox();
 * ok(await h.cluster.discover("apps/v1", "Deployment"));
 * ```
 */
export async function startHttpSandbox(options: HttpSandboxOptions = {}): Promise<HttpSandbox> {
  const clock = fixedClock(options.start ?? "2026-01-01T00:00:00Z");
  const { start: _start, client, ...rest } = options;
  const sandbox = await startSandbox({ ...rest, clock, manualTime: true });
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig());
  const cluster = new KubeCluster(kc, client ?? {});
  const advance = (ms: number) => {
    clock.advance(ms);
    sandbox.tick();
  };
  const close = () => sandbox.close();
  return {
    sandbox,
    clock,
    cluster,
    advance,
    sleep: (ms) => {
      advance(ms);
      return Promise.resolve();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
