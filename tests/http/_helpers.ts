/** Test helpers for the HTTP API: request builders and an engine whose deploys wait for a gate. */
import type { Engine } from "../../src/engine/mod.ts";

/** A ConfigMap manifest as JSON. */
export function configMap(name: string): Record<string, unknown> {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } };
}

/** A one-replica Deployment manifest as JSON. */
export function deployment(name: string, image: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image }] },
      },
    },
  };
}

/** A deploy request body. */
export function deployBody(service: string, manifests: unknown): Record<string, unknown> {
  return { service, namespace: "default", manifests };
}

/** RequestInit of a JSON POST. */
export function post(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** An engine whose deploys start only once `open()` is called; `entered` resolves on the first. */
export interface GatedEngine {
  engine: Engine;
  entered: Promise<void>;
  open(): void;
}

/** Wraps an engine so a test can hold deploys in flight without sleeping. */
export function gatedEngine(engine: Engine): GatedEngine {
  const gate = Promise.withResolvers<void>();
  const entered = Promise.withResolvers<void>();
  return {
    engine: {
      ...engine,
      deploy: async (spec, options) => {
        entered.resolve();
        await gate.promise;
        return engine.deploy(spec, options);
      },
    },
    entered: entered.promise,
    open: () => gate.resolve(),
  };
}

/** An engine whose every read throws `error`, to drive the error mapping. */
export function failingEngine(engine: Engine, error: unknown): Engine {
  const fail = () => Promise.reject(error);
  return { ...engine, services: fail, status: fail, context: fail, history: fail };
}

/** The value of one Prometheus sample line (`name{labels} value`), or undefined. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
