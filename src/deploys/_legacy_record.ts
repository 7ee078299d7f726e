/**
 * Upgrades a record written by Nopea 0.1 (before one set of deploy types) to the current shape.
 * 0.1 wrote `drift` as a count, resource errors as strings, skipped objects as `failed` with
 * "not applied", and no apiVersion per object. Records of the current shape pass unchanged.
 */
import { isPlainObject } from "../manifests/mod.ts";

/** apiVersions 0.1 applied, by group: the only versions its planner accepted for these groups. */
const LEGACY_VERSIONS: Readonly<Record<string, string>> = {
  "": "v1",
  "apps": "apps/v1",
  "batch": "batch/v1",
  "policy": "policy/v1",
  "autoscaling": "autoscaling/v2",
  "kulta.io": "kulta.io/v1alpha1",
};

/** The apiVersion of a 0.1 resource entry, from its key's group (`Deployment.apps/ns/x`). */
function legacyApiVersion(key: string): string {
  const kindPart = key.split("/")[0] ?? "";
  const dot = kindPart.indexOf(".");
  const group = dot < 0 ? "" : kindPart.slice(dot + 1);
  return LEGACY_VERSIONS[group] ?? `${group}/v1`;
}

function upgradeResource(value: unknown): unknown {
  if (!isPlainObject(value) || typeof value["apiVersion"] === "string") return value;
  const { error, ...rest } = value;
  const skipped = value["action"] === "failed" && error === "not applied";
  return {
    ...rest,
    apiVersion: legacyApiVersion(String(value["key"] ?? "")),
    ...(skipped ? { action: "skipped", message: "not applied" } : {}),
    ...(typeof error === "string" && !skipped
      ? { error: { code: "DEPLOY_FAILED", message: error } }
      : {}),
  };
}

/** The record in the current shape (a copy when anything changed). */
export function upgradeLegacyRecord(r: Record<string, unknown>): Record<string, unknown> {
  if ("driftCount" in r) return r;
  const { drift, ...rest } = r;
  return {
    ...rest,
    driftCount: typeof drift === "number" ? drift : 0,
    ...(Array.isArray(r["resources"]) ? { resources: r["resources"].map(upgradeResource) } : {}),
  };
}
