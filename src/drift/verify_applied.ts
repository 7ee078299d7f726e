/** Post-apply verification: which fields the manifest set did the server store differently. */
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { maskFieldForDisplay } from "../secrets/mod.ts";
import { learnListShapes } from "./_leaves.ts";
import { changedLeaves } from "./_verify_walk.ts";
import { topField } from "./field_path.ts";
import { normalize } from "./normalize.ts";

/**
 * A field the manifest set that the server stored with another value (Secret values masked).
 * Same shape as the engine's `DriftEntry`.
 */
export interface AppliedDrift {
  /** The object, as {@linkcode formatKey} writes it (`Deployment.apps/prod/api`). */
  readonly resource: string;
  /** Server-side apply path, e.g. `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** The value sent. */
  readonly sent: unknown;
  /** `undefined` when the server dropped the field (or holds no such object). */
  readonly stored: unknown;
}

/**
 * For each object sent, the fields the manifest set whose stored value differs: a mutating
 * webhook, the server changing a value it was given. Fields the manifest did not set (defaults,
 * status) never count; quantities compare by amount (`"1000m"` is `"1"`, `"1Gi"` is
 * `"1024Mi"`); zero values equal absence; a Secret's `stringData` is compared as the `data` the
 * server makes of it.
 *
 * @param sent The objects as applied.
 * @param stored The objects the server returned or holds, matched to `sent` by key (a sent
 * object without a namespace matches a stored one of the same kind and name).
 * @returns The changed fields of every sent object, in order; all fields the manifest set when
 * no stored object matches.
 *
 * @example A webhook pinned the image to a digest
 * ```ts
 * import { verifyApplied } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const pod = (image: string, cpu: string) => ({
 *   apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "prod" },
 *   spec: { containers: [{ name: "app", image, resources: { limits: { cpu } } }] },
 * });
 * deepEqual(verifyApplied([pod("web:1", "1")], [pod("web@sha256:ab12", "1000m")]), [{
 *   resource: "Pod/prod/web", path: '.spec.containers[name="app"].image', sent: "web:1", stored: "web@sha256:ab12",
 * }]);
 * ```
 */
export function verifyApplied(
  sent: readonly KubeObject[],
  stored: readonly KubeObject[],
): AppliedDrift[] {
  const byKey = new Map(stored.map((obj) => [formatKey(keyOf(obj)), obj]));
  return sent.flatMap((obj) => {
    const match = byKey.get(formatKey(keyOf(obj))) ??
      (obj.metadata.namespace ? undefined : sameName(obj, stored));
    return verifyObject(obj, match);
  });
}

/**
 * {@linkcode verifyApplied} of one object and the server's answer to it: the fields the manifest
 * set whose stored value differs (all of them when `stored` is `undefined`). Lets each answer be
 * compared as it arrives, so that it need not be kept whole until every object is applied.
 *
 * @example The server kept every field as sent
 * ```ts
 * import { verifyObject } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const map = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "prod" }, data: { k: "v" } };
 * deepEqual(verifyObject(map, { ...map, metadata: { ...map.metadata, uid: "u1" } }), []);
 * ```
 */
export function verifyObject(sent: KubeObject, stored: KubeObject | undefined): AppliedDrift[] {
  const resource = formatKey(keyOf(sent));
  return changedFields(sent, stored).map((field) => ({ resource, ...field }));
}

function sameName(obj: KubeObject, stored: readonly KubeObject[]): KubeObject | undefined {
  return stored.find((s) =>
    s.apiVersion === obj.apiVersion && s.kind === obj.kind && s.metadata.name === obj.metadata.name
  );
}

function changedFields(
  sentObj: KubeObject,
  storedObj: KubeObject | undefined,
): Omit<AppliedDrift, "resource">[] {
  return changedLeaves(
    normalize(sentObj),
    storedObj,
    () => learnListShapes([storedObj]),
    (path, value) => maskFieldForDisplay(sentObj, topField(path), value),
  );
}
