/** The labels and annotation Nopea puts on every object it applies (DESIGN §1). */
import type { KubeObject } from "../manifests/mod.ts";

/** Label marking objects Nopea manages; its value is `"nopea"`. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
/** Label naming the Nopea service an object belongs to. */
export const SERVICE_LABEL = "nopea.io/service";
/** Annotation holding the ULID of the deploy that last applied the object. */
export const DEPLOY_ID_ANNOTATION = "nopea.io/deploy-id";

/** What {@linkcode withNopeaMetadata} stamps on an object. */
export interface NopeaStamp {
  /** The Nopea service, for `nopea.io/service`. */
  service: string;
  /** The deploy's ULID, for `nopea.io/deploy-id`. */
  deployId: string;
  /** Extra labels for every object (the deploy spec's `labels`); Nopea's own labels win. */
  labels?: Readonly<Record<string, string>>;
  /** The ApplySet id (KEP-3659) for `applyset.kubernetes.io/part-of`. */
  applySet?: string;
}

/**
 * A copy of `obj` whose `metadata` carries Nopea's labels and deploy-id annotation. Only
 * `metadata` is copied and changed: pod templates are left alone, since a label or annotation that
 * changes there (the deploy id changes on every deploy) would restart every pod. The input is not
 * mutated; fields other than `metadata` are shared with it.
 *
 * @example
 * ```ts
 * import { withNopeaMetadata } from "./metadata.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" } };
 * const stamped = withNopeaMetadata(cm, { service: "web", deployId: "01J0000000000000000000000" });
 * equal(stamped.metadata.labels?.["nopea.io/service"], "web");
 * deepEqual(cm.metadata, { name: "web" });
 * ```
 */
export function withNopeaMetadata(obj: KubeObject, stamp: NopeaStamp): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: {
        ...obj.metadata.labels,
        ...stamp.labels,
        [MANAGED_BY_LABEL]: "nopea",
        [SERVICE_LABEL]: stamp.service,
        ...(stamp.applySet ? { "applyset.kubernetes.io/part-of": stamp.applySet } : {}),
      },
      annotations: { ...obj.metadata.annotations, [DEPLOY_ID_ANNOTATION]: stamp.deployId },
    },
  };
}
