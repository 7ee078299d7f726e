/** The Lease behind the deploy lock: its key, body, times and whether it is still held. */
import { isPlainObject, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** The apiVersion of the Lease. */
export const LEASE_API_VERSION = "coordination.k8s.io/v1";

/** The Lease `nopea-<service>` in `namespace`. */
export function leaseKey(service: string, namespace: string): ResourceKey {
  return { apiVersion: LEASE_API_VERSION, kind: "Lease", namespace, name: `nopea-${service}` };
}

/**
 * Where a deploy into a namespace that does not exist yet takes its lock: the Lease
 * `nopea-<service>.<namespace>` in `default`.
 */
export function fallbackLeaseKey(service: string, namespace: string): ResourceKey {
  return {
    apiVersion: LEASE_API_VERSION,
    kind: "Lease",
    namespace: "default",
    name: `nopea-${service}.${namespace}`,
  };
}

/** A clock reading as Kubernetes MicroTime: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** Parses an RFC 3339 time with any number of fraction digits; `undefined` when not one. */
function parseTime(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const ms = Date.parse(text.replace(/\.(\d{1,3})\d*Z$/, ".$1Z"));
  return Number.isNaN(ms) ? undefined : ms;
}

/** What the engine reads from a live Lease. */
export interface LeaseView {
  holder?: string;
  /** The renew time (else the acquire time) as read, and in ms. */
  renewed?: string;
  renewedAt?: number;
  ttlMs: number;
  resourceVersion?: string;
}

/** Reads holder, renewal and duration of a live Lease. */
export function viewOf(lease: KubeObject): LeaseView {
  const spec = isPlainObject(lease["spec"]) ? lease["spec"] : {};
  const holder = spec["holderIdentity"];
  const renewed = [spec["renewTime"], spec["acquireTime"]].find((t) => typeof t === "string");
  const renewedAt = parseTime(renewed);
  const seconds = spec["leaseDurationSeconds"];
  const rv = lease.metadata.resourceVersion;
  return {
    ...(typeof holder === "string" && holder !== "" ? { holder } : {}),
    ...(typeof renewed === "string" && renewedAt !== undefined ? { renewed, renewedAt } : {}),
    ttlMs: typeof seconds === "number" ? seconds * 1000 : 0,
    ...(rv ? { resourceVersion: rv } : {}),
  };
}

/** Whether the Lease is held and was renewed within its duration. */
export function isFresh(view: LeaseView, now: number): boolean {
  return view.holder !== undefined && view.renewedAt !== undefined &&
    view.renewedAt + view.ttlMs > now;
}

/** The Lease spec a holder writes. */
export function leaseSpec(holder: string, ttlMs: number, now: number): Record<string, unknown> {
  const time = microTime(now);
  return {
    holderIdentity: holder,
    leaseDurationSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    acquireTime: time,
    renewTime: time,
  };
}

/** A whole Lease object for server-side apply. */
export function leaseObject(key: ResourceKey, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: LEASE_API_VERSION,
    kind: "Lease",
    metadata: {
      name: key.name,
      ...(key.namespace ? { namespace: key.namespace } : {}),
      labels: { "app.kubernetes.io/managed-by": "nopea" },
    },
    spec,
  };
}

/** `DEPLOY_IN_PROGRESS` naming who holds the lock; `doing` says what was refused. */
export function heldError(
  key: ResourceKey,
  service: string,
  view: LeaseView | undefined,
  doing: "deploy" | "unlock",
): NopeaError {
  const where = `lease "${key.name}" in namespace "${key.namespace}"`;
  const by = `${view?.holder ?? "another deploy"} (${where}, renewed ${
    view?.renewed ?? "just now"
  })`;
  const unlock = `nopea unlock ${service} -n ${key.namespace}`;
  return doing === "deploy"
    ? new NopeaError(
      "DEPLOY_IN_PROGRESS",
      `Service "${service}" is being deployed by ${by}`,
      { hint: `Wait for it to finish, or run \`${unlock}\` if that deploy is gone` },
    )
    : new NopeaError(
      "DEPLOY_IN_PROGRESS",
      `Cannot unlock service "${service}": it is being deployed by ${by}`,
      { hint: `Wait for it to finish, or run \`${unlock} --force\` if that deploy is gone` },
    );
}
