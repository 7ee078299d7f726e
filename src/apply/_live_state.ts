/** Reading live objects: who manages them, and whether they already hold what Nopea would apply. */
import { createHash } from "node:crypto";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { foldStringData, maskForStore, type SecretMasker } from "../secrets/mod.ts";
import { sameContent } from "./_same_content.ts";

const DEPLOY_ID = "nopea.io/deploy-id";
const SERVICE = "nopea.io/service";
const MANAGED_BY = "app.kubernetes.io/managed-by";

/** Objects with their keys in sorted order, for `JSON.stringify` (native, so fast). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}

/** Stable JSON: keys sorted, so equal content gives equal text. */
function stable(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? "null";
}

/** The content hash of what Nopea applies, ignoring the per-deploy id annotation. */
export function contentHash(obj: KubeObject): string {
  const annotations = { ...obj.metadata.annotations };
  delete annotations[DEPLOY_ID];
  const comparable = { ...obj, metadata: { ...obj.metadata, annotations } };
  // Native SHA-256 (same hex digest as @noble/hashes): an unchanged diff of 5 MB hashes it twice.
  return createHash("sha256").update(stable(comparable)).digest("hex");
}

/** Whether every field `desired` sets has the same value in `live` (lists positionally). */
function isSubset(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(live) && live.length === desired.length &&
      desired.every((d, i) => isSubset(d, live[i]));
  }
  if (isPlainObject(desired)) {
    return isPlainObject(live) && Object.keys(desired).every((k) => isSubset(desired[k], live[k]));
  }
  return desired === live || (desired === null && live === undefined);
}

/**
 * Whether applying `desired` would change nothing: Nopea applied exactly this content last time
 * (`last`, as memory stored it: same content hash, compared in place), Nopea still manages the
 * object, and every field it sets holds the same value live.
 */
export function isUnchanged(
  desired: KubeObject,
  live: KubeObject,
  last: KubeObject | undefined,
  masker?: SecretMasker,
): boolean {
  if (last === undefined || !sameContent(maskForStore([desired], masker)[0]!, last)) return false;
  const ours = (live.metadata.managedFields ?? []).some((m) =>
    m.manager === "nopea" && m.operation === "Apply" && !m.subresource
  );
  if (!ours) return false;
  const annotations = { ...desired.metadata.annotations };
  delete annotations[DEPLOY_ID];
  return isSubset(
    foldStringData({ ...desired, metadata: { ...desired.metadata, annotations } }),
    live,
  );
}

/**
 * Why Nopea must not take over a live object without `--adopt`: another tool manages it, or
 * another Nopea service owns it. `undefined` when Nopea may apply it.
 */
export function adoptionProblem(live: KubeObject, service: string): string | undefined {
  const labels = live.metadata.labels ?? {};
  const owner = labels[SERVICE];
  if (owner !== undefined) {
    return owner === service ? undefined : `it belongs to Nopea service "${owner}"`;
  }
  const managedBy = labels[MANAGED_BY];
  if (managedBy !== undefined && managedBy !== "nopea") return `it is managed by "${managedBy}"`;
  const managers = (live.metadata.managedFields ?? [])
    .filter((m) =>
      m.manager !== "nopea" && !m.subresource && m.manager !== "kube-controller-manager"
    )
    .map((m) => m.manager);
  const nopea = (live.metadata.managedFields ?? []).some((m) => m.manager === "nopea");
  if (!nopea && managers.length > 0) {
    return `it exists and is managed by ${[...new Set(managers)].map((m) => `"${m}"`).join(", ")}`;
  }
  return undefined;
}
