/** Test helper: an engine talking HTTPS to a sandbox through the real client, on a manual clock. */
import { createEngine, type Engine, type EngineOptions } from "../src/engine/mod.ts";
import { createMemory, InMemoryMemoryStore, type Memory } from "../src/memory/mod.ts";
import type { KubeObject } from "../src/manifests/mod.ts";
import {
  type HttpSandbox,
  type HttpSandboxOptions,
  memoryLogger,
  seqIds,
  startHttpSandbox,
} from "../src/testing/mod.ts";

/** An engine wired to an HTTPS sandbox. */
export interface EngineHarness extends AsyncDisposable {
  engine: Engine;
  memory: Memory;
  h: HttpSandbox;
}

/** Starts a sandbox over HTTPS and an engine using the real client against it. */
export async function engineHarness(
  options: { sandbox?: HttpSandboxOptions; engine?: EngineOptions } = {},
): Promise<EngineHarness> {
  const h = await startHttpSandbox({ controllers: { readyDelayMs: 1000 }, ...options.sandbox });
  const memory = createMemory(new InMemoryMemoryStore(), { clock: h.clock, ids: seqIds("01OCC") });
  const engine = createEngine({
    cluster: h.cluster,
    memory,
    clock: h.clock,
    ids: seqIds("01DEP"),
    log: memoryLogger(),
    sleep: h.sleep,
  }, options.engine ?? {});
  return { engine, memory, h, [Symbol.asyncDispose]: () => h.close() };
}

/** A namespace object. */
export function namespace(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

/** A ConfigMap. */
export function configMap(name: string, data: Record<string, string> = { a: "1" }): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data };
}

/** A Deployment of one container. */
export function deployment(name: string, image: string, replicas = 2): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

/** A ClusterIP Service. */
export function service(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}
