/** testDeps: engine dependencies on an in-process sandbox cluster, in-memory memory and a manual clock. */
import type { EngineDeps } from "../engine/mod.ts";
import { createMemory, InMemoryMemoryStore, type Memory } from "../memory/mod.ts";
import type { ClusterPort } from "../kube/mod.ts";
import { fixedClock, type ManualClock, memoryLogger, seqIds } from "../shared/mod.ts";
import type { LogRecord } from "../shared/mod.ts";
import {
  type ControllerOptions,
  SandboxCluster,
  SandboxCore,
  startControllers,
} from "../sandbox/mod.ts";

/** Options of {@linkcode testDeps}. */
export interface TestDepsOptions {
  /** Start time of the manual clock. @default "2026-01-01T00:00:00Z" */
  start?: string;
  /** Simulated controllers' settings. @default { readyDelayMs: 1000 } */
  controllers?: ControllerOptions;
  /** Use this cluster instead of the in-process sandbox (e.g. a KubeCluster over HTTPS). */
  cluster?: ClusterPort;
  /** Use this memory instead of a fresh in-memory one. */
  memory?: Memory;
}

/** Engine dependencies for tests, with handles on the simulated world. */
export interface TestDeps extends EngineDeps, AsyncDisposable {
  /** The manual clock the engine and the sandbox run on. */
  readonly clock: ManualClock;
  /** The in-process sandbox (also the default `cluster`). */
  readonly sandbox: SandboxCore;
  /** Log lines the engine wrote. */
  readonly logs: LogRecord[];
  /** Moves time forward and runs the controller work that became due. */
  advance(ms: number): void;
  /** Stops the simulated controllers; `await using` calls it too. */
  close(): Promise<void>;
}

/**
 * Dependencies for `createEngine` that run entirely in-process and deterministically: the
 * engine's `sleep` advances the manual clock and runs the sandbox's controllers.
 *
 * @example
 * ```ts
 * import { testDeps } from "@nopea/nopea/testing";
 * import { ok } from "node:assert/strict";
 * await using deps = await testDeps();
 * ok(await deps.cluster.get({ apiVersion: "v1", kind: "Namespace", name: "default" }));
 * ```
 */
export function testDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const clock = fixedClock(options.start ?? "2026-01-01T00:00:00Z");
  const sandbox = new SandboxCore({ clock });
  const controllers = startControllers(
    sandbox.controllerApi(),
    options.controllers ?? { readyDelayMs: 1000 },
  );
  const log = memoryLogger();
  const advance = (ms: number) => {
    clock.advance(ms);
    sandbox.runDue();
  };
  const close = () => {
    controllers.stop();
    return Promise.resolve();
  };
  return Promise.resolve({
    cluster: options.cluster ?? new SandboxCluster(sandbox),
    memory: options.memory ??
      createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds("01MEM") }),
    clock,
    ids: seqIds("01DEPLOY"),
    log,
    logs: log.records,
    sleep: (ms) => {
      advance(ms);
      return Promise.resolve();
    },
    sandbox,
    advance,
    close,
    [Symbol.asyncDispose]: close,
  });
}
