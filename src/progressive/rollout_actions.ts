/** What Nopea does to a KULTA Rollout besides applying it: promote, clear the annotation, restart. */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { type MonitorOptions, monitorRollout, type RolloutOutcome } from "./monitor.ts";
import { PROMOTE_ANNOTATION, rolloutViewOf } from "./rollout_view.ts";

const FIELD_MANAGER = "nopea";

function promotePatch(value: "true" | null): unknown {
  return { metadata: { annotations: { [PROMOTE_ANNOTATION]: value } } };
}

/**
 * Removes `kulta.io/promote` by merge patch. KULTA never removes it itself, and a stale one
 * promotes every later pause at once (external-formats §1.6).
 *
 * @returns `false` when the Rollout does not exist or carries no annotation.
 * @example
 * ```ts
 * import { clearPromote } from "./rollout_actions.ts";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const key = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "missing" };
 * equal(await clearPromote(deps.cluster, key), false);
 * ```
 */
export async function clearPromote(cluster: ClusterPort, key: ResourceKey): Promise<boolean> {
  const live = await cluster.get(key);
  if (live?.metadata.annotations?.[PROMOTE_ANNOTATION] === undefined) return false;
  try {
    await cluster.patch(key, promotePatch(null), { type: "merge", fieldManager: FIELD_MANAGER });
    return true;
  } catch (error) {
    if (isNopeaError(error) && error.code === "KUBE_NOT_FOUND") return false;
    throw error;
  }
}

/**
 * Starts KULTA's phase machine over for a new revision: KULTA keeps a Rollout's status when its
 * spec changes (a `Completed` rollout stays `Completed`), and initializes a Rollout without
 * status. Clears `status` by merge patch on the status subresource.
 *
 * @example A completed canary starts over at its first step
 * ```ts
 * import { KULTA_CRD, restartRollout, rolloutViewOf } from "./mod.ts";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * await deps.cluster.apply(KULTA_CRD);
 * const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1" }] } };
 * const canary = { stableService: "web", canaryService: "web-canary", steps: [{ setWeight: 100 }] };
 * await deps.cluster.apply({ apiVersion: "kulta.io/v1alpha1", kind: "Rollout", metadata: { name: "web", namespace: "default" },
 *   spec: { selector: { matchLabels: { app: "web" } }, template, strategy: { canary } } });
 * deps.advance(1000);
 * const key = { apiVersion: "kulta.io/v1alpha1", kind: "Rollout", namespace: "default", name: "web" };
 * equal(rolloutViewOf((await deps.cluster.get(key))!).phase, "Completed");
 * await restartRollout(deps.cluster, key);
 * equal(rolloutViewOf((await deps.cluster.get(key))!).step, 0);
 * ```
 */
export async function restartRollout(cluster: ClusterPort, key: ResourceKey): Promise<KubeObject> {
  return await cluster.patch(key, { status: null }, {
    type: "merge",
    subresource: "status",
    fieldManager: FIELD_MANAGER,
  });
}

/**
 * Promotes a Rollout: sets `kulta.io/promote: "true"` by merge patch, follows it until its phase
 * or step moved (or it completed, failed, vanished or `maxMs` passed), then always removes the
 * annotation again. Returns `matched` when it moved; follow it on with `monitorRollout`.
 *
 * @example A blue-green Rollout leaves Preview
 * ```ts
 * import { KULTA_CRD, promoteRollout } from "./mod.ts";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * await deps.cluster.apply(KULTA_CRD);
 * const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1" }] } };
 * await deps.cluster.apply({ apiVersion: "kulta.io/v1alpha1", kind: "Rollout", metadata: { name: "web", namespace: "default" },
 *   spec: { selector: { matchLabels: { app: "web" } }, template,
 *     strategy: { blueGreen: { activeService: "web", previewService: "web-preview" } } } });
 * const key = { apiVersion: "kulta.io/v1alpha1", kind: "Rollout", namespace: "default", name: "web" };
 * const outcome = await promoteRollout(deps.cluster, key, { clock: deps.clock, sleep: deps.sleep, pollMs: 10_000, maxMs: 60_000 });
 * equal(outcome.view?.phase, "Completed");
 * equal((await deps.cluster.get(key))?.metadata.annotations?.["kulta.io/promote"], undefined);
 * ```
 */
export async function promoteRollout(
  cluster: ClusterPort,
  key: ResourceKey,
  options: MonitorOptions,
): Promise<RolloutOutcome> {
  const live = await cluster.get(key);
  if (!live) return { stop: "missing", elapsedMs: 0 };
  const before = rolloutViewOf(live);
  try {
    await cluster.patch(key, promotePatch("true"), { type: "merge", fieldManager: FIELD_MANAGER });
    return await monitorRollout(cluster, key, {
      ...options,
      stopAtPromotion: false,
      until: (view) => view.phase !== before.phase || view.step !== before.step,
    });
  } finally {
    await clearPromote(cluster, key);
  }
}
