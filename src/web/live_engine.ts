/**
 * liveEngine: an engine whose deploying operations (deploy, promote, rollback, heal, delete) also
 * tell a live hub what they do: started, every progress event the CLI draws, and how they ended.
 * Whatever door runs them (the web view's buttons, the HTTP API, remote MCP), open pages see it.
 */
import type { DeployOptions, Engine } from "../engine/mod.ts";
import { eventLine, type LiveHub } from "./_live.ts";

/** How an operation's output says it ended. */
function outcomeOf(output: unknown): string {
  const o = output as { status?: string; result?: { status?: string }; healed?: string[] };
  return o.status ?? o.result?.status ?? (o.healed ? `healed ${o.healed.length}` : "done");
}

/** Runs `run`, publishing its start, its events (besides the caller's `onEvent`) and its end. */
async function told<T>(
  hub: LiveHub,
  what: { service: string; operation: string },
  options: DeployOptions | undefined,
  run: (options: DeployOptions) => Promise<T>,
): Promise<T> {
  const say = (line: string, outcome?: string) =>
    hub.publish({ ...what, line, ...(outcome === undefined ? {} : { outcome }) });
  say(`${what.operation} started`);
  try {
    const output = await run({
      ...options,
      onEvent: (event) => {
        options?.onEvent?.(event);
        say(eventLine(event));
      },
    });
    say(`${what.operation} finished: ${outcomeOf(output)}`, outcomeOf(output));
    return output;
  } catch (error) {
    say(`${what.operation} failed: ${error instanceof Error ? error.message : error}`, "error");
    throw error;
  }
}

/**
 * The engine, telling `hub` about every deploying operation it runs.
 *
 * @example
 * ```ts
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { liveEngine, liveHub } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const hub = liveHub();
 * const engine = liveEngine(createEngine(deps), hub);
 * const manifests = [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } }];
 * await engine.deploy({ service: "web", namespace: "default", manifests });
 * equal(hub.recent("web").at(-1)?.outcome, "completed");
 * ```
 */
export function liveEngine(engine: Engine, hub: LiveHub): Engine {
  return {
    ...engine,
    deploy: (spec, options) =>
      told(
        hub,
        { service: spec.service, operation: "deploy" },
        options,
        (o) => engine.deploy(spec, o),
      ),
    promote: (target, options) =>
      told(
        hub,
        { service: target.service ?? target.deployId ?? "", operation: "promote" },
        options,
        (o) => engine.promote(target, o),
      ),
    rollback: (request, options) =>
      told(
        hub,
        { service: request.service, operation: "rollback" },
        options,
        (o) => engine.rollback(request, o),
      ),
    heal: (request, options) =>
      told(
        hub,
        { service: request.service, operation: "heal" },
        options,
        (o) => engine.heal(request, o),
      ),
    delete: (request, options) =>
      told(
        hub,
        { service: request.service, operation: "delete" },
        options,
        (o) => engine.delete(request, o),
      ),
  };
}
