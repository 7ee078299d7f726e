/** A sandbox core on a manual clock with the simulated controllers, plus readers for tests. */
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import {
  type ControllerOptions,
  type Controllers,
  startControllers,
} from "../../../src/sandbox/controllers/mod.ts";
import type { ControllerApi, JsonObject } from "../../../src/sandbox/types.ts";
import { fixedClock, type ManualClock } from "../../../src/shared/mod.ts";

/** `2026-01-01T00:00:00Z`, where every harness clock starts. */
export const T0 = Date.parse("2026-01-01T00:00:00Z");

const PLURALS: Record<string, [string, string, string]> = {
  Deployment: ["apps", "v1", "deployments"],
  StatefulSet: ["apps", "v1", "statefulsets"],
  DaemonSet: ["apps", "v1", "daemonsets"],
  ReplicaSet: ["apps", "v1", "replicasets"],
  Job: ["batch", "v1", "jobs"],
  CronJob: ["batch", "v1", "cronjobs"],
  Service: ["", "v1", "services"],
  PersistentVolumeClaim: ["", "v1", "persistentvolumeclaims"],
  Pod: ["", "v1", "pods"],
  CustomResourceDefinition: ["apiextensions.k8s.io", "v1", "customresourcedefinitions"],
  Rollout: ["kulta.io", "v1alpha1", "rollouts"],
  HTTPRoute: ["gateway.networking.k8s.io", "v1", "httproutes"],
};

/** The sandbox under test. */
export interface Harness {
  core: SandboxCore;
  clock: ManualClock;
  api: ControllerApi;
  controllers: Controllers;
  /** Server-side applies `obj` as field manager "nopea" (namespace "default" unless set). */
  apply(obj: JsonObject): JsonObject;
  /** Merge-patches an object as a user would (`kubectl annotate`, `kubectl patch`). */
  patch(kind: string, name: string, body: JsonObject): JsonObject;
  /** Deletes an object through the API. */
  remove(kind: string, name: string): void;
  /** The stored object (`undefined` when absent); `kind` is one of the kinds above or `Event`. */
  get(kind: string, name: string): JsonObject | undefined;
  /** Every object of a kind in "default", sorted by name. */
  list(kind: string): JsonObject[];
  /** Moves the clock forward by `ms`, running every scheduled task at its own time. */
  advance(ms: number): void;
  /** Milliseconds since {@linkcode T0}. */
  elapsed(): number;
}

function groupOf(kind: string): string {
  return kind === "Event" ? "" : PLURALS[kind]?.[0] ?? "";
}

function scopeOf(kind: string, name?: string) {
  const [group, version, plural] = PLURALS[kind] ?? ["", "v1", `${kind.toLowerCase()}s`];
  const cluster = kind === "CustomResourceDefinition";
  return {
    group,
    version,
    plural,
    ...(cluster ? {} : { namespace: "default" }),
    ...(name === undefined ? {} : { name }),
  };
}

/** Starts a core on a manual clock at {@linkcode T0} with controllers using `options`. */
export function harness(options: ControllerOptions = {}): Harness {
  const clock = fixedClock(T0);
  let n = 0;
  const core = new SandboxCore({ clock, ids: () => `uid-${++n}` });
  const base = core.controllerApi();
  const due: number[] = [];
  const api: ControllerApi = {
    ...base,
    schedule(atMs, task) {
      due.push(atMs);
      base.schedule(atMs, task);
    },
  };
  const controllers = startControllers(api, options);
  const nameOf = (o: JsonObject) => String((o["metadata"] as JsonObject)["name"]);
  return {
    core,
    clock,
    api,
    controllers,
    apply(obj) {
      const kind = String(obj["kind"]);
      const version = String(obj["apiVersion"]).split("/").pop() as string;
      return core.patch({ ...scopeOf(kind, nameOf(obj)), version }, "apply", obj, {
        fieldManager: "nopea",
        force: true,
      }).object;
    },
    patch: (kind, name, body) => core.patch(scopeOf(kind, name), "merge", body).object,
    remove: (kind, name) => void core.delete(scopeOf(kind, name)),
    get: (kind, name) =>
      api.get(groupOf(kind), kind, kind === "CustomResourceDefinition" ? "" : "default", name),
    list: (kind) =>
      api.list(groupOf(kind), kind, "default").sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
    advance(ms) {
      const target = clock.now() + ms;
      for (;;) {
        core.runDue();
        const next = due.filter((t) => t > clock.now() && t <= target).sort((a, b) => a - b)[0];
        if (next === undefined) break;
        clock.set(next);
      }
      clock.set(target);
      core.runDue();
      due.splice(0, due.length, ...due.filter((t) => t > target));
    },
    elapsed: () => clock.now() - T0,
  };
}

/** Labels → `{ app: name }` workload template with the given images (container "app", "side", ...). */
export function podTemplate(name: string, images: readonly string[]): JsonObject {
  const names = ["app", "side", "third"];
  return {
    metadata: { labels: { app: name } },
    spec: { containers: images.map((image, i) => ({ name: names[i] ?? `c${i}`, image })) },
  };
}

/** A Deployment `name` with `replicas` running `image`. */
export function deployment(
  name: string,
  image: string,
  replicas = 1,
  spec: JsonObject = {},
): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, [image]),
      ...spec,
    },
  };
}

/** `metadata` of an object. */
export function meta(o: JsonObject | undefined): JsonObject {
  return (o?.["metadata"] ?? {}) as JsonObject;
}

/** `status` of an object. */
export function status(o: JsonObject | undefined): JsonObject {
  return (o?.["status"] ?? {}) as JsonObject;
}

/** The condition of `type` in `status.conditions`. */
export function condition(o: JsonObject | undefined, type: string): JsonObject | undefined {
  const list = status(o)["conditions"];
  return Array.isArray(list) ? list.find((c) => (c as JsonObject)["type"] === type) : undefined;
}

/** Pods whose name starts with `prefix`. */
export function podsOf(h: Harness, prefix: string): JsonObject[] {
  return h.list("Pod").filter((p) => String(meta(p)["name"]).startsWith(prefix));
}

/** Warning events about the pod `pod`. */
export function eventsOf(h: Harness, pod: string): JsonObject[] {
  return h.list("Event").filter((e) => (e["involvedObject"] as JsonObject)["name"] === pod);
}
