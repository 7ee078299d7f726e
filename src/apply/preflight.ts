/**
 * preflight: before anything is applied, every object that would change is checked — taking
 * over an object another tool manages is refused, and the API server validates the rest in a
 * parallel server-side dry run — so an invalid or refused object leaves the cluster untouched.
 */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { SecretMasker } from "../secrets/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { adoptionProblem, isUnchanged } from "./_live_state.ts";
import { boundedRunner } from "./_bounded.ts";

/** Options of {@linkcode preflight}. */
export interface PreflightOptions {
  force: boolean;
  adopt: boolean;
  service: string;
  concurrency: number;
  /** How memory masks Secret values (so a Secret's hash compares with what memory holds). */
  masker?: SecretMasker;
  /** What Nopea applied last time, as memory stored it, by resource key. */
  lastApplied?: ReadonlyMap<string, KubeObject>;
  /** Where an object was written (file, document, line), for messages. */
  locate?: (object: KubeObject) => string | undefined;
}

/** The adoption refusal of an object another tool manages (same words as at apply time). */
export function adoptionRefusal(obj: KubeObject, problem: string): NopeaError {
  const { name, namespace } = obj.metadata;
  return new NopeaError(
    "KUBE_CONFLICT",
    `Cannot apply ${obj.kind} "${name}"${
      namespace ? ` in namespace "${namespace}"` : ""
    }: ${problem}`,
    {
      hint: "Re-run with --adopt to let Nopea take it over, or remove it from the manifests",
      details: { resource: formatKey(keyOf(obj)) },
    },
  );
}

/** Whether the server can dry-run the object now: its kind is served and its namespace exists. */
async function checkable(
  cluster: ClusterPort,
  obj: KubeObject,
  newNamespaces: ReadonlySet<string>,
): Promise<boolean> {
  const ns = obj.metadata.namespace;
  if (ns !== undefined && newNamespaces.has(ns)) return false;
  return (await cluster.discover(obj.apiVersion, obj.kind)) !== undefined;
}

function invalid(obj: KubeObject, error: NopeaError, where: string | undefined): NopeaError {
  const key = formatKey(keyOf(obj));
  return new NopeaError(
    "MANIFEST_INVALID",
    `${where ? `${where}: ` : ""}${error.message}`,
    {
      hint: "Fix the field the server names, then deploy again; nothing was applied",
      details: { resource: key, ...(where ? { location: where } : {}), ...error.details },
      cause: error,
    },
  );
}

/**
 * Checks the objects before any is applied. Throws `KUBE_CONFLICT` for an object Nopea may not
 * take over, `MANIFEST_INVALID` (naming file and document when known) for one the server
 * rejects as invalid, and any other error of the dry run as it is (the first in object order).
 *
 * `live` may still be on its way: objects memory never applied, outside the namespaces the
 * manifests create, are dry-run while it is read (a dry run changes nothing); the others once
 * it is known and shows them changing. Adoption refusals still come first.
 */
export async function preflight(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject> | Promise<ReadonlyMap<string, KubeObject>>,
  options: PreflightOptions,
): Promise<void> {
  const run = boundedRunner(options.concurrency);
  const checks = new Map<KubeObject, Promise<NopeaError | undefined>>();
  const check = (obj: KubeObject, newNamespaces: ReadonlySet<string>) =>
    run(() => dryRunProblem(cluster, obj, newNamespaces, options));
  const declared = new Set(
    objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name ?? ""),
  );
  for (const obj of objects) {
    const ns = obj.metadata.namespace;
    if (options.lastApplied?.has(formatKey(keyOf(obj))) || (ns && declared.has(ns))) continue;
    checks.set(obj, check(obj, new Set()));
  }
  let changing: KubeObject[];
  try {
    const current = await live;
    const newNamespaces = new Set(
      objects.filter((o) => o.kind === "Namespace" && !current.has(formatKey(keyOf(o))))
        .map((o) => o.metadata.name ?? ""),
    );
    changing = changingObjects(objects, current, options);
    for (const obj of changing) {
      if (!checks.has(obj)) checks.set(obj, check(obj, newNamespaces));
    }
  } finally {
    await Promise.allSettled(checks.values()); // nothing is left in flight, whatever happens
  }
  // Only what changes counts: an object found unchanged was never refused before either.
  for (const obj of changing) {
    const problem = await checks.get(obj);
    if (problem) throw problem;
  }
}

/** The objects that would change; throws the first adoption refusal. */
function changingObjects(
  objects: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject>,
  options: PreflightOptions,
): KubeObject[] {
  return objects.filter((obj) => {
    const current = live.get(formatKey(keyOf(obj)));
    const problem = current && !options.adopt
      ? adoptionProblem(current, options.service)
      : undefined;
    if (problem) throw adoptionRefusal(obj, problem);
    const last = options.lastApplied?.get(formatKey(keyOf(obj)));
    return !current || !isUnchanged(obj, current, last, options.masker);
  });
}

/** The server's objection to the object in a dry run, if any (not asked when not checkable). */
async function dryRunProblem(
  cluster: ClusterPort,
  obj: KubeObject,
  newNamespaces: ReadonlySet<string>,
  options: PreflightOptions,
): Promise<NopeaError | undefined> {
  if (!(await checkable(cluster, obj, newNamespaces))) return undefined;
  try {
    await cluster.apply(obj, { fieldManager: "nopea", force: options.force, dryRun: true });
    return undefined;
  } catch (error) {
    if (!isNopeaError(error)) throw error;
    return error.code === "KUBE_INVALID" ? invalid(obj, error, options.locate?.(obj)) : error;
  }
}
