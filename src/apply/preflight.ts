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
import { mapBounded } from "./_bounded.ts";

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
 * rejects as invalid, and any other error of the dry run as it is.
 */
export async function preflight(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject>,
  options: PreflightOptions,
): Promise<void> {
  const changing = objects.filter((obj) => {
    const current = live.get(formatKey(keyOf(obj)));
    const problem = current && !options.adopt
      ? adoptionProblem(current, options.service)
      : undefined;
    if (problem) throw adoptionRefusal(obj, problem);
    const last = options.lastApplied?.get(formatKey(keyOf(obj)));
    return !current || !isUnchanged(obj, current, last, options.masker);
  });
  const newNamespaces = new Set(
    objects.filter((o) => o.kind === "Namespace" && !live.has(formatKey(keyOf(o))))
      .map((o) => o.metadata.name ?? ""),
  );
  let failure: NopeaError | undefined;
  await mapBounded(changing, options.concurrency, async (obj) => {
    if (failure || !(await checkable(cluster, obj, newNamespaces))) return;
    try {
      await cluster.apply(obj, { fieldManager: "nopea", force: options.force, dryRun: true });
    } catch (error) {
      if (!isNopeaError(error)) throw error;
      failure ??= error.code === "KUBE_INVALID"
        ? invalid(obj, error, options.locate?.(obj))
        : error;
    }
  });
  if (failure) throw failure;
}
