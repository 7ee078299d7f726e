// Finds the pod specs of an object (Pod, workload templates, CronJob job templates, Rollout-like CRs).
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

const POD_SPEC_PATHS: readonly (readonly string[])[] = [
  ["spec"],
  ["spec", "template", "spec"],
  ["spec", "jobTemplate", "spec", "template", "spec"],
];

/** A container of a pod spec, as far as planning cares. */
export interface ContainerLike {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly [field: string]: unknown;
}

/** Every pod spec in `obj`: an object with a `containers` list at one of the usual paths. */
export function podSpecsOf(obj: KubeObject): Record<string, unknown>[] {
  const specs: Record<string, unknown>[] = [];
  for (const path of POD_SPEC_PATHS) {
    let node: unknown = obj;
    for (const segment of path) node = isPlainObject(node) ? node[segment] : undefined;
    if (isPlainObject(node) && Array.isArray(node["containers"])) specs.push(node);
  }
  return specs;
}

/** The init containers and containers of every pod spec of `obj`. */
export function containersOf(obj: KubeObject): ContainerLike[] {
  return podSpecsOf(obj).flatMap((spec) =>
    ["initContainers", "containers"].flatMap((list) => {
      const containers = spec[list];
      return Array.isArray(containers) ? containers.filter(isPlainObject) : [];
    })
  );
}
