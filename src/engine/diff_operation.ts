/** engine.diff: the same load and plan as a deploy, then a server-side dry run, per-resource actions. */
import { diffAction, type DiffEntry } from "../drift/mod.ts";
import { maskForDisplay } from "../secrets/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { planDeploy } from "../plan/mod.ts";
import { adoptionProblem, isUnchanged, liveObjects } from "../apply/mod.ts";
import { lastAppliedObjects } from "./_memory_inputs.ts";
import { checkSpec } from "./_checked_spec.ts";
import { locatePlanError } from "./_plan_errors.ts";
import { pruneSelection } from "./_prune_step.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeploySpec } from "./types.ts";

/** What a deploy would change, resource by resource (Secret values masked). */
export interface DiffResult {
  /** The service the manifests belong to. */
  service: string;
  /** The default namespace for objects that name none. */
  namespace: string;
  /** One entry per planned object: its action, the live object and the dry-run result. */
  entries: DiffEntry[];
  /** Resources that would be created or configured. */
  changes: number;
  /** Things to know: objects another tool manages (a deploy needs --adopt), ignored namespaces. */
  warnings: string[];
}

/**
 * What the server would store: the live object when Nopea applied exactly this content last
 * time and the cluster still holds it (the deploy's own "unchanged" test, no round trip), else
 * a server-side dry run.
 */
async function dryRun(
  ctx: EngineContext,
  obj: KubeObject,
  live: KubeObject | undefined,
  options: { force: boolean; lastApplied: ReadonlyMap<string, KubeObject> },
): Promise<KubeObject> {
  const last = options.lastApplied.get(formatKey(keyOf(obj)));
  if (live && isUnchanged(obj, live, last)) return live;
  if (!(await ctx.deps.cluster.discover(obj.apiVersion, obj.kind))) return obj; // its CRD is in this set
  return ctx.deps.cluster.apply(obj, { fieldManager: "nopea", dryRun: true, force: options.force });
}

/** Plans like a deploy, dry-runs every object on the server, and compares with the live objects. */
export async function runDiff(ctx: EngineContext, raw: DeploySpec): Promise<DiffResult> {
  const spec = await checkSpec(raw, ctx);
  const namespace = spec.namespace;
  const plan = await planDeploy(spec.manifests, {
    service: spec.service,
    namespace,
    deployId: "00000000000000000000000000",
    resolve: (apiVersion, kind) => ctx.deps.cluster.discover(apiVersion, kind),
    ...(spec.labels ? { labels: spec.labels } : {}),
  }).catch((error: unknown) => {
    throw locatePlanError(error, spec.manifests, spec.locate);
  });
  const objects = plan.groups.flatMap((g) => g.objects.map((o) => o.object));
  const [live, lastApplied] = await Promise.all([
    liveObjects(ctx.deps.cluster, objects),
    lastAppliedObjects(ctx.memory, spec.service, namespace),
  ]);
  const warnings = [...(spec.loadWarnings ?? []), ...plan.warnings];
  const entries: DiffEntry[] = [];
  const force = spec.forceConflicts ?? false;
  const results = await Promise.all(
    objects.map((obj) => dryRun(ctx, obj, live.get(formatKey(keyOf(obj))), { force, lastApplied })),
  );
  for (const [i, obj] of objects.entries()) {
    const key = formatKey(keyOf(obj));
    const current = live.get(key);
    const desired = results[i]!;
    const problem = current && !spec.adopt ? adoptionProblem(current, spec.service) : undefined;
    if (problem) warnings.push(`${key}: ${problem}; a deploy needs --adopt to take it over`);
    // The live object itself stands for an object unchanged since Nopea applied it: masked once.
    const shownLive = current ? maskForDisplay(current) : undefined;
    entries.push({
      key,
      action: desired === current ? "unchanged" : diffAction(current, desired),
      ...(shownLive ? { live: shownLive } : {}),
      desired: desired === current ? shownLive! : maskForDisplay(desired),
    });
  }
  if (spec.prune !== false) {
    const { remove, skipped } = await pruneSelection(ctx, spec.service, namespace, objects);
    for (const live of remove) {
      entries.push({ key: formatKey(keyOf(live)), action: "delete", live: maskForDisplay(live) });
    }
    for (const s of skipped) warnings.push(`Not pruned: ${s.key}: ${s.reason}`);
  }
  const changes = entries.filter((e) => e.action !== "unchanged").length;
  return { service: spec.service, namespace, entries, changes, warnings };
}
