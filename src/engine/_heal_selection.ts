/** Which drifted objects `engine.heal` re-applies, and why it leaves the others alone. */
import type { DriftResult } from "../drift/mod.ts";
import { hasMaskedValues } from "../secrets/mod.ts";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

/** How heal acts on drift: `auto` re-applies; `manual` and `notify` only report. */
export type HealPolicy = "auto" | "manual" | "notify";

/** An object heal left alone, and why. */
export interface HealSkip {
  /** The object, as `formatKey()` writes it. */
  key: string;
  /** Why it was not re-applied. */
  reason: string;
}

/** The break-glass annotation: `"true"` keeps heal away from the object. */
export const SUSPEND_HEAL = "nopea.io/suspend-heal";

/** What the selection looks at. */
export interface HealSelection {
  resources: readonly DriftResult[];
  /** Live objects by key (absent when deleted). */
  live: ReadonlyMap<string, KubeObject>;
  /** The last completed deploy's stored objects by key. */
  stored: ReadonlyMap<string, KubeObject>;
  now: number;
  graceMs: number;
  policy: HealPolicy;
}

/** When the cluster side of the drift last changed: the newest managedFields time of its managers. */
export function driftedAt(result: DriftResult, live: KubeObject | undefined): number | undefined {
  const entries = (live?.metadata.managedFields ?? []).filter((m) =>
    m.manager !== "nopea" && !m.subresource
  );
  const owners = new Set(
    result.fields.filter((f) => f.changed !== "desired").flatMap((f) => f.owners),
  );
  const changers = entries.filter((m) => owners.has(m.manager));
  const times = (changers.length > 0 ? changers : entries)
    .map((m) => (m.time === undefined ? NaN : Date.parse(m.time)))
    .filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : undefined;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

function skipReason(r: DriftResult, sel: HealSelection): string | undefined {
  if (r.drift !== "manual_drift" && r.drift !== "missing") {
    return `"${r.drift}" comes from the manifests, not the cluster: heal re-applies only what ` +
      `was last deployed; run "nopea deploy" with the manifests`;
  }
  const live = sel.live.get(r.key);
  if (live?.metadata.annotations?.[SUSPEND_HEAL] === "true") {
    return `annotated ${SUSPEND_HEAL}: "true" (break-glass): left as it is`;
  }
  const at = sel.graceMs > 0 ? driftedAt(r, live) : undefined;
  if (at !== undefined && sel.now - at < sel.graceMs) {
    return `drifted ${seconds(sel.now - at)} ago, within the grace period of ${
      seconds(sel.graceMs)
    }: heal again later`;
  }
  const stored = sel.stored.get(r.key);
  if (!stored) return `not in the last deploy's stored manifests: run "nopea deploy"`;
  if (!live && hasMaskedValues(stored)) {
    return `the Secret no longer exists and memory keeps no Secret values: deploy it from its files`;
  }
  if (hasMaskedValues(stored) && r.fields.some((f) => /^\.(data|stringData)\b/.test(f.path))) {
    return "a Secret value was changed and memory keeps no Secret values: deploy it from its files";
  }
  if (sel.policy !== "auto") {
    return `policy "${sel.policy}": would be re-applied (run "nopea heal --policy auto")`;
  }
  return undefined;
}

/**
 * Splits the drifted objects: `heal` (re-apply) and `skipped` (with a reason). Only `manual_drift`
 * and `missing` can heal; break-glass annotations, the grace period, Secrets gone without stored
 * values and a policy other than `auto` keep an object as it is.
 */
export function selectHeal(sel: HealSelection): { heal: string[]; skipped: HealSkip[] } {
  const heal: string[] = [];
  const skipped: HealSkip[] = [];
  for (const r of sel.resources) {
    if (r.drift === "no_drift") continue;
    const reason = skipReason(r, sel);
    if (reason === undefined) heal.push(r.key);
    else skipped.push({ key: r.key, reason });
  }
  return { heal, skipped };
}

/** A stored Secret with the live values in place of the hashes memory kept. */
export function withLiveValues(stored: KubeObject, live: KubeObject | undefined): KubeObject {
  if (!hasMaskedValues(stored) || !live) return stored;
  const liveData = isPlainObject(live["data"]) ? live["data"] : {};
  const keys = ["data", "stringData"].flatMap((f) => {
    const map = stored[f];
    return isPlainObject(map) ? Object.keys(map) : [];
  });
  const data = Object.fromEntries(keys.filter((k) => k in liveData).map((k) => [k, liveData[k]]));
  const { stringData: _hashed, ...rest } = stored;
  return { ...rest, data } as KubeObject;
}
