/** The Services of a progressive rollout: the one in front, its role copy, role selectors. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { type ProgressiveStrategy, ROLLOUT_TYPE_LABEL } from "./_rollout_types.ts";

/** The two Services KULTA shifts traffic between, and the role label value each selects. */
export interface ServicePair {
  /** The stable (active) Service, then the canary (preview) one. */
  readonly names: readonly [string, string];
  /** `stable` and `canary`, or `active` and `preview`. */
  readonly roles: readonly [string, string];
}

/** A manifest field as an object (`{}` when it is anything else). */
export function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

/** Whether a Service's selector picks the workload's pods. */
function selects(svc: KubeObject, workload: KubeObject): boolean {
  const selector = record(record(svc["spec"])["selector"]);
  const labels = record(record(record(record(workload["spec"])["template"])["metadata"])["labels"]);
  const pairs = Object.entries(selector).filter(([k]) => k !== ROLLOUT_TYPE_LABEL);
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}

/**
 * The Service in front of the workload: named like the service, else the ClusterIP Service
 * selecting the workload's pods (preferring the one named like the workload), else the only plain one.
 */
export function baseServiceOf(
  objects: readonly KubeObject[],
  service: string,
  workload: KubeObject,
): KubeObject | undefined {
  const services = objects.filter((o) => o.kind === "Service" && o.apiVersion === "v1");
  const named = services.find((s) => s.metadata.name === service);
  if (named) return named;
  const selecting = services.filter((s) =>
    selects(s, workload) && (record(s["spec"])["type"] ?? "ClusterIP") === "ClusterIP" &&
    !/-(canary|preview)$/.test(s.metadata.name ?? "")
  );
  const front = selecting.find((s) => s.metadata.name === workload.metadata.name) ?? selecting[0];
  if (front) return front;
  const plain = services.filter((s) => !/-(canary|preview)$/.test(s.metadata.name ?? ""));
  return plain.length === 1 ? plain[0] : undefined;
}

/** The Service pair of a strategy, the first named `baseName`. */
export function servicePair(strategy: ProgressiveStrategy, baseName: string): ServicePair {
  const [roleA, roleB, suffix] = strategy === "canary"
    ? ["stable", "canary", "-canary"]
    : ["active", "preview", "-preview"];
  return { names: [baseName, `${baseName}${suffix}`], roles: [roleA, roleB] };
}

/** A Service whose selector also requires KULTA's role label. */
function withRole(svc: KubeObject, role: string): KubeObject {
  const spec = record(svc["spec"]);
  return {
    ...svc,
    spec: { ...spec, selector: { ...record(spec["selector"]), [ROLLOUT_TYPE_LABEL]: role } },
  };
}

/** A ClusterIP copy of the base Service for the canary (preview) pods. */
function roleCopy(base: KubeObject, name: string, role: string): KubeObject {
  const spec = record(base["spec"]);
  const ports = Array.isArray(spec["ports"])
    ? spec["ports"].map((p) => {
      const { nodePort: _dropped, ...rest } = record(p);
      return rest;
    })
    : [];
  const { namespace, labels } = base.metadata;
  return withRole({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
    spec: { ports, selector: record(spec["selector"]) },
  }, role);
}

/** The port of the base Service (its first), else 80. */
export function portOf(base: KubeObject | undefined): number {
  const ports = record(base?.["spec"])["ports"];
  const first = Array.isArray(ports) ? record(ports[0]) : {};
  return typeof first["port"] === "number" ? first["port"] : 80;
}

/**
 * The objects to apply, in manifest order: the Rollout where the source was, both Services
 * selecting their role (the second copied from the base when the manifests lack it).
 */
export function rolloutObjects(
  objects: readonly KubeObject[],
  source: KubeObject,
  rollout: KubeObject,
  base: KubeObject | undefined,
  { names, roles }: ServicePair,
): KubeObject[] {
  const hasSecond = objects.some((o) => o.kind === "Service" && o.metadata.name === names[1]);
  const out: KubeObject[] = [];
  for (const o of objects) {
    if (o === source) out.push(rollout);
    else if (o === base) {
      out.push(withRole(o, roles[0]));
      if (!hasSecond) out.push(roleCopy(o, names[1], roles[1]));
    } else if (o.kind === "Service" && o.metadata.name === names[1]) {
      out.push(withRole(o, roles[1]));
    } else out.push(o);
  }
  return out;
}
