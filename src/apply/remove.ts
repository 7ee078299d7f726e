/**
 * Removing objects Nopea applied: pruning what a new deploy no longer holds, and `delete` of a
 * whole service. Only objects Nopea still owns go; workloads before their configuration
 * (reverse apply order); Namespaces and CRDs only when asked.
 */
import type { ResourceOutcome } from "../deploys/mod.ts";
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { APPLY_GROUPS, applyGroupOf } from "../plan/mod.ts";
import { mapBounded } from "./_bounded.ts";

/** The annotation that keeps an object from being pruned. */
export const PRUNE_ANNOTATION = "nopea.io/prune";

/** What may be removed. */
export interface RemovalOptions {
  /** The service the objects must still belong to. */
  service: string;
  /** Remove Namespaces too (they take everything in them along). @default false */
  includeNamespaces?: boolean;
  /** Remove CustomResourceDefinitions too (they take every custom resource along). @default false */
  includeCrds?: boolean;
}

/** The objects to remove, and those left with the reason. */
export interface RemovalSelection {
  remove: KubeObject[];
  skipped: { key: string; reason: string }[];
}

/** Why a live object must stay, or `undefined` when Nopea may remove it. */
function keepReason(live: KubeObject, options: RemovalOptions): string | undefined {
  if (live.kind === "Namespace" && !options.includeNamespaces) {
    return "a Namespace is removed only with --include-namespaces (it takes everything in it along)";
  }
  if (live.kind === "CustomResourceDefinition" && !options.includeCrds) {
    return "a CRD is removed only with --include-crds (it takes every custom resource along)";
  }
  if (live.metadata.annotations?.[PRUNE_ANNOTATION] === "disabled") {
    return `annotated ${PRUNE_ANNOTATION}: disabled`;
  }
  const owner = live.metadata.labels?.["nopea.io/service"];
  if (owner !== options.service) {
    return owner ? `it now belongs to Nopea service "${owner}"` : "Nopea no longer manages it";
  }
  const managers = live.metadata.managedFields ?? [];
  if (!managers.some((m) => m.manager === "nopea" && !m.subresource)) {
    return `another manager took it over (${
      [...new Set(managers.map((m) => m.manager))].join(", ")
    })`;
  }
  return undefined;
}

/** Reads the live objects of `candidates` and keeps those Nopea may remove. */
export async function selectRemovals(
  cluster: ClusterPort,
  candidates: readonly KubeObject[],
  options: RemovalOptions,
): Promise<RemovalSelection> {
  const selection: RemovalSelection = { remove: [], skipped: [] };
  await Promise.all(candidates.map(async (candidate) => {
    if (!(await cluster.discover(candidate.apiVersion, candidate.kind))) return;
    const live = await cluster.get(keyOf(candidate));
    if (!live) return;
    const reason = keepReason(live, options);
    if (reason) selection.skipped.push({ key: formatKey(keyOf(live)), reason });
    else selection.remove.push(live);
  }));
  selection.skipped.sort((a, b) => a.key.localeCompare(b.key));
  return selection;
}

/** Groups in reverse apply order: webhooks and workloads first, configuration, then namespaces. */
function reverseGroups(objects: readonly KubeObject[]): KubeObject[][] {
  const groups = APPLY_GROUPS.map((name) =>
    objects.filter((o) => applyGroupOf(o.apiVersion, o.kind) === name)
  );
  return groups.filter((g) => g.length > 0).reverse();
}

/**
 * Deletes the objects group by group in reverse apply order (in parallel within a group),
 * each only as it was read (a precondition on its uid). Returns a `deleted` outcome per object.
 */
export async function removeObjects(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
  options: { concurrency: number; dryRun?: boolean },
): Promise<ResourceOutcome[]> {
  const outcomes: ResourceOutcome[] = [];
  for (const group of reverseGroups(objects)) {
    await mapBounded(group, options.concurrency, async (live) => {
      const uid = live.metadata.uid;
      await cluster.delete(keyOf(live), {
        propagationPolicy: "Background",
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(typeof uid === "string" ? { preconditions: { uid } } : {}),
      });
      outcomes.push({
        ...keyOf(live),
        key: formatKey(keyOf(live)),
        action: "deleted",
        ...(typeof uid === "string" ? { uid } : {}),
      });
    });
  }
  return outcomes;
}
