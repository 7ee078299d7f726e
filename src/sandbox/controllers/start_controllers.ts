/** startControllers: wires the simulated controllers to the sandbox's object store. */
import type { ControllerApi, JsonObject, ObjectEvent } from "../types.ts";
import { reconcileClaim, reconcileService } from "./_binders.ts";
import { reconcileDaemonSet } from "./_daemonset.ts";
import { reconcileDeployment } from "./_deployment.ts";
import { reconcileJob } from "./_job.ts";
import { identityOf } from "./_json.ts";
import { reconcilePod } from "./_kubelet.ts";
import { reconcileReplicaSet } from "./_replicaset.ts";
import { enqueueRolloutsOfRoute, reconcileRollout } from "./_rollout.ts";
import { controllerOf, type Reconciler, type Ref, Runtime } from "./_runtime.ts";
import { reconcileNamespace } from "./_service_accounts.ts";
import { reconcileStatefulSet } from "./_statefulset.ts";
import { type ControllerOptions, resolveSettings } from "./options.ts";

const RECONCILERS: ReadonlyMap<string, Reconciler> = new Map([
  ["apps/Deployment", reconcileDeployment],
  ["apps/ReplicaSet", reconcileReplicaSet],
  ["apps/StatefulSet", reconcileStatefulSet],
  ["apps/DaemonSet", reconcileDaemonSet],
  ["batch/Job", reconcileJob],
  ["/Pod", reconcilePod],
  ["/Service", reconcileService],
  ["/PersistentVolumeClaim", reconcileClaim],
  ["kulta.io/Rollout", reconcileRollout],
  ["/Namespace", reconcileNamespace],
]);

function onChange(rt: Runtime, event: ObjectEvent): void {
  if (event.group === "" && event.kind === "Event") return;
  const o = event.object;
  const m = identityOf(o);
  const ref: Ref = { group: event.group, kind: event.kind, namespace: m.namespace, name: m.name };
  if (event.type === "DELETED") {
    rt.untrack(o);
    rt.forget(m.uid);
    rt.dropOwner(m.uid);
  } else {
    rt.track(o);
    rt.enqueue(ref);
  }
  const owner = controllerOf(o);
  if (owner) rt.enqueue(owner);
  if (event.group === "gateway.networking.k8s.io" && event.kind === "HTTPRoute") {
    rt.task(
      `route/${m.namespace}/${m.name}`,
      () => enqueueRolloutsOfRoute(rt, m.namespace, m.name),
    );
  }
  rt.settle();
}

function reconcileExisting(rt: Runtime): void {
  for (const key of RECONCILERS.keys()) {
    const [group = "", kind = ""] = key.split("/");
    for (const o of rt.api.list(group, kind) as JsonObject[]) {
      rt.track(o);
      const m = identityOf(o);
      rt.enqueue({ group, kind, namespace: m.namespace, name: m.name });
    }
  }
  rt.drain();
}

/** What {@linkcode startControllers} returns. */
export interface Controllers {
  /** Unsubscribes from the store and drops all scheduled work. */
  stop(): void;
}

/**
 * Starts the simulated controllers of the sandbox cluster: Deployments, ReplicaSets,
 * StatefulSets, DaemonSets and Jobs with a simulated kubelet (pods become ready after
 * `readyDelayMs`, or fail by the failure rules), LoadBalancer Services, claims, and KULTA
 * Rollouts. Reconciles what exists now, then reacts to every committed change: at once when time
 * is driven by hand, else just after the write is answered, and always before the next read is
 * served (`api.beforeRead`), so a read sees what the controllers make of the writes before it;
 * the store delivers the controllers' own writes after the change that caused them, so watchers
 * still see commit order. Later transitions run from `api.schedule`, and time comes only
 * from `api.clock`. Deleting owners is left to the store's garbage collection.
 *
 * @param api The store as controllers see it.
 * @param options Delays, failure rules and KULTA knobs.
 * @returns A handle whose `stop()` ends all controller work.
 * @throws {NopeaError} `SPEC_INVALID` when an option is negative or a failure rule is unknown.
 *
 * @example A Deployment becomes available after readyDelayMs on a manual clock
 * ```ts
 * import { startControllers } from "./start_controllers.ts";
 * import { SandboxCore } from "@nopea/nopea/sandbox";
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const clock = fixedClock();
 * const core = new SandboxCore({ clock });
 * const controllers = startControllers(core.controllerApi(), { readyDelayMs: 500 });
 * const scope = { group: "apps", version: "v1", plural: "deployments", namespace: "default", name: "web" };
 * const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } };
 * const web = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" },
 *   spec: { selector: { matchLabels: { app: "web" } }, template } };
 * core.patch(scope, "apply", web, { fieldManager: "nopea" });
 * clock.advance(500);
 * core.runDue();
 * equal((core.get(scope)["status"] as { availableReplicas?: number }).availableReplicas, 1);
 * controllers.stop();
 * ```
 */
export function startControllers(api: ControllerApi, options: ControllerOptions = {}): Controllers {
  const rt = new Runtime(api, resolveSettings(options), RECONCILERS, options.log);
  const listener = (event: ObjectEvent) => onChange(rt, event);
  const unsubscribe = api.onCommit ? api.onCommit(listener) : api.onChange(listener);
  const unregister = api.beforeRead?.(() => rt.drain());
  reconcileExisting(rt);
  return {
    stop() {
      unsubscribe();
      unregister?.();
      rt.stop();
    },
  };
}
