/** imagesOf: the container images a manifest set runs. */
import type { KubeObject } from "../manifests/mod.ts";
import { containersOf } from "./_pod_specs.ts";

/**
 * Every container and init-container image of the objects' pod specs (Pods, workload templates,
 * CronJob job templates and custom resources shaped like them), deduplicated and sorted.
 *
 * @example
 * ```ts
 * import { imagesOf } from "./images.ts";
 * import { deepEqual } from "node:assert/strict";
 * const deploy = {
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" },
 *   spec: { template: { spec: {
 *     initContainers: [{ name: "migrate", image: "web:2" }],
 *     containers: [{ name: "web", image: "web:2" }, { name: "proxy", image: "envoy:1" }],
 *   } } },
 * };
 * deepEqual(imagesOf([deploy]), ["envoy:1", "web:2"]);
 * ```
 */
export function imagesOf(objects: readonly KubeObject[]): string[] {
  const images = new Set<string>();
  for (const obj of objects) {
    for (const container of containersOf(obj)) {
      if (typeof container.image === "string" && container.image !== "") {
        images.add(container.image);
      }
    }
  }
  return [...images].sort();
}
