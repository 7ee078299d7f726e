/**
 * Whether two objects hold the same content as their JSON texts say, compared in place: the
 * question `contentHash(a) === contentHash(b)` answers, without building and hashing key-sorted
 * JSON of both sides (an unchanged diff of kube-prometheus hashed 5 MB twice).
 */
import type { KubeObject } from "../manifests/mod.ts";

const DEPLOY_ID = "nopea.io/deploy-id";

/** Whether JSON writes a property holding `value` (it leaves out undefined, functions, symbols). */
function written(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/** Whether JSON reads a value as an object or list (a `toJSON` method writes something else). */
function container(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const key of Object.keys(a)) {
    if (!written(a[key])) continue;
    count++;
    if (!Object.hasOwn(b, key) || !written(b[key]) || !sameJson(a[key], b[key])) return false;
  }
  for (const key of Object.keys(b)) if (written(b[key])) count--;
  return count === 0;
}

/** Whether `JSON.stringify` with keys sorted writes `a` and `b` alike. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b && typeof a !== "number") return true;
  if (container(a) && container(b)) {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (!Array.isArray(a)) return sameRecord(a, b as Record<string, unknown>);
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i])) return false;
    return true;
  }
  if (container(a) || container(b)) return false;
  return (JSON.stringify(a) ?? "null") === (JSON.stringify(b) ?? "null");
}

/** The object as `contentHash` reads it: the per-deploy id annotation left out. */
function comparable(obj: KubeObject): KubeObject {
  const annotations = { ...obj.metadata.annotations };
  delete annotations[DEPLOY_ID];
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/** Whether `a` and `b` have the same content hash (`contentHash` of `_live_state.ts`). */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return sameJson(comparable(a), comparable(b));
}
