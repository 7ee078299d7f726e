/** applyGroups: server-side apply of ordered groups, in parallel within a group, stopping at the first failure. */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { isNopeaError, NopeaError, toErrorBody } from "../shared/mod.ts";
import type { ResourceAction, ResourceOutcome } from "../deploys/mod.ts";
import type { SecretMasker } from "../secrets/mod.ts";
import { mapBounded } from "./_bounded.ts";
import { adoptionProblem, isUnchanged } from "./_live_state.ts";
import { adoptionRefusal } from "./preflight.ts";

/** Options of {@linkcode applyGroups}. */
export interface ApplyGroupsOptions {
  dryRun: boolean;
  force: boolean;
  adopt: boolean;
  service: string;
  concurrency: number;
  /** How memory masks Secret values (so a Secret's hash compares with what memory holds). */
  masker?: SecretMasker;
  /** What Nopea applied last time, as memory stored it, by resource key. */
  lastApplied?: ReadonlyMap<string, KubeObject>;
  /**
   * What to keep of each object's answer (or, when left unchanged, of its live state) in
   * {@linkcode ApplyOutcome.stored}, called as it arrives: the whole object by default.
   */
  keep?: (sent: KubeObject, answer: KubeObject, action: ResourceAction) => KubeObject;
  /** Called after each object is applied (or fails). */
  onApplied?: (outcome: ResourceOutcome) => void;
  /** Stops starting new applies once aborted (Ctrl-C); the rest are reported as not applied. */
  signal?: AbortSignal;
  /** Called between groups that must wait (CRDs before their custom resources). */
  afterGroup?: (objects: readonly KubeObject[], index: number) => Promise<void>;
}

/** What applying produced: an outcome per object, the stored objects, and the first error. */
export interface ApplyOutcome {
  outcomes: ResourceOutcome[];
  /** Stored objects (server's answer, or what `keep` kept of it) by key, for readiness. */
  stored: Map<string, KubeObject>;
  error?: NopeaError;
}

/**
 * Applies each group in order; objects of a group in parallel (bounded). After a failure no
 * further group starts, and every object not applied is reported as `skipped`.
 */
export async function applyGroups(
  cluster: ClusterPort,
  groups: readonly (readonly KubeObject[])[],
  live: ReadonlyMap<string, KubeObject>,
  options: ApplyGroupsOptions,
): Promise<ApplyOutcome> {
  const outcomes = new Map<string, ResourceOutcome>();
  const stored = new Map<string, KubeObject>();
  let error: NopeaError | undefined;
  const all = groups.flat();
  for (const [index, group] of groups.entries()) {
    await mapBounded(group, options.concurrency, async (obj) => {
      if (!error && options.signal?.aborted) error = interrupted();
      if (error) return;
      const key = formatKey(keyOf(obj));
      const outcome = await applyOne(cluster, obj, live.get(key), options).catch((e: unknown) => {
        error ??= isNopeaError(e) ? e : new NopeaError("INTERNAL", String(e), { cause: e });
        return { outcome: failedOutcome(obj, e), object: undefined };
      });
      outcomes.set(key, outcome.outcome);
      if (outcome.object) stored.set(key, kept(obj, outcome.object, outcome.outcome, options));
      options.onApplied?.(outcome.outcome);
    });
    if (error) break;
    if (index < groups.length - 1) {
      await options.afterGroup?.(group, index)?.catch((e: unknown) => {
        error = isNopeaError(e) ? e : new NopeaError("INTERNAL", String(e), { cause: e });
      });
      if (error) break;
    }
  }
  const ordered = all.map((obj) => {
    const key = formatKey(keyOf(obj));
    return outcomes.get(key) ??
      {
        ...keyOf(obj),
        key,
        action: "skipped" as const,
        message: "not applied: an earlier step failed",
      };
  });
  return { outcomes: ordered, stored, ...(error ? { error } : {}) };
}

function kept(
  sent: KubeObject,
  answer: KubeObject,
  outcome: ResourceOutcome,
  options: ApplyGroupsOptions,
): KubeObject {
  return options.keep ? options.keep(sent, answer, outcome.action) : answer;
}

function interrupted(): NopeaError {
  return new NopeaError(
    "DEPLOY_INTERRUPTED",
    "The deploy was interrupted before every object was applied",
    {
      hint:
        "The objects listed as not applied were left as they were; run the deploy again to finish it",
    },
  );
}

function failedOutcome(obj: KubeObject, e: unknown): ResourceOutcome {
  return { ...keyOf(obj), key: formatKey(keyOf(obj)), action: "failed", error: toErrorBody(e) };
}

async function applyOne(
  cluster: ClusterPort,
  obj: KubeObject,
  live: KubeObject | undefined,
  options: ApplyGroupsOptions,
): Promise<{ outcome: ResourceOutcome; object: KubeObject | undefined }> {
  const resource = keyOf(obj);
  const key = formatKey(resource);
  if (live && !options.adopt) {
    const problem = adoptionProblem(live, options.service);
    if (problem) throw adoptionRefusal(obj, problem);
  }
  if (live && isUnchanged(obj, live, options.lastApplied?.get(key), options.masker)) {
    return { outcome: outcomeOf(key, live, "unchanged"), object: live };
  }
  const object = await cluster.apply(obj, {
    fieldManager: "nopea",
    force: options.force,
    dryRun: options.dryRun,
  });
  return { outcome: outcomeOf(key, object, live ? "configured" : "created"), object };
}

/** The outcome of an object the cluster holds: its key, uid and resourceVersion as stored. */
function outcomeOf(key: string, stored: KubeObject, action: ResourceAction): ResourceOutcome {
  const { uid, resourceVersion } = stored.metadata;
  return {
    ...keyOf(stored),
    key,
    action,
    ...(typeof uid === "string" && uid ? { uid } : {}),
    ...(typeof resourceVersion === "string" && resourceVersion ? { resourceVersion } : {}),
  };
}
