/** Test world for progressive delivery: the HTTPS sandbox with KULTA's CRD, the real client, an engine. */
import { createEngine, type Engine, type EngineOptions } from "../../src/engine/mod.ts";
import type { KubeObject, ResourceKey } from "../../src/manifests/mod.ts";
import { createMemory, InMemoryMemoryStore, type Memory } from "../../src/memory/mod.ts";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import type { ControllerOptions } from "../../src/sandbox/mod.ts";
import { memoryLogger, seqIds } from "../../src/shared/mod.ts";
import { type HttpSandbox, startHttpSandbox } from "../../src/testing/mod.ts";

/** A sandbox, the engine on it, and its memory. */
export interface World extends AsyncDisposable {
  readonly h: HttpSandbox;
  readonly engine: Engine;
  readonly memory: Memory;
  /** The live object, through the real client. */
  get(
    kind: "Rollout" | "Deployment" | "Service" | "Secret",
    name: string,
  ): Promise<KubeObject | undefined>;
}

/** Options of {@linkcode kultaWorld}. */
export interface WorldOptions {
  /** Install the rollouts.kulta.io CRD. @default true */
  kulta?: boolean;
  controllers?: ControllerOptions;
  engine?: EngineOptions;
}

const API: Record<string, string> = {
  Rollout: "kulta.io/v1alpha1",
  Deployment: "apps/v1",
  Service: "v1",
  Secret: "v1",
};

/** Starts the world; `await using` closes it. */
export async function kultaWorld(options: WorldOptions = {}): Promise<World> {
  const h = await startHttpSandbox({ controllers: { readyDelayMs: 1000, ...options.controllers } });
  if (options.kulta !== false) {
    await h.cluster.apply(KULTA_CRD, { fieldManager: "kulta-installer" });
  }
  const memory = createMemory(new InMemoryMemoryStore(), { clock: h.clock, ids: seqIds("01MEM") });
  const engine = createEngine({
    cluster: h.cluster,
    memory,
    clock: h.clock,
    ids: seqIds("01DEPLOY"),
    log: memoryLogger(),
    sleep: h.sleep,
  }, options.engine);
  const key = (kind: string, name: string): ResourceKey => ({
    apiVersion: API[kind] ?? "v1",
    kind,
    namespace: "default",
    name,
  });
  return {
    h,
    engine,
    memory,
    get: (kind, name) => h.cluster.get(key(kind, name)),
    [Symbol.asyncDispose]: () => h.close(),
  };
}

/** The manifests of service `web`: a Deployment running `image` and its Service. */
export function webApp(image: string, extra: readonly KubeObject[] = []): KubeObject[] {
  const labels = { app: "web" };
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { selector: labels, ports: [{ port: 8080, targetPort: 8080 }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "web", image }] } },
      },
    },
    ...extra,
  ];
}

/** The image of a live Rollout's or Deployment's first container. */
export function imageOf(obj: KubeObject | undefined): unknown {
  const spec = obj?.["spec"] as { template?: { spec?: { containers?: { image?: string }[] } } };
  return spec?.template?.spec?.containers?.[0]?.image;
}

/** KULTA's phase of a live Rollout. */
export function phaseOf(obj: KubeObject | undefined): unknown {
  return (obj?.["status"] as { phase?: string } | undefined)?.phase;
}
