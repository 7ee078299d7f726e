/** The vocabulary of the three-way drift check: classes, fields, results, rules, options. */

/** What happened to an object since Nopea last applied it. */
export type DriftClass =
  | "no_drift"
  | "desired_changed"
  | "manual_drift"
  | "conflict"
  | "missing"
  | "new";

/** One field that differs. Secret values are masked (`<secret sha256:abcd1234…>`). */
export interface DriftField {
  /** Server-side apply path, e.g. `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** The value last applied; absent when unset or not recorded. */
  readonly last?: unknown;
  /** The value in the manifest now; absent when unset. */
  readonly desired?: unknown;
  /** The value in the cluster; absent when unset or the object is gone. */
  readonly live?: unknown;
  /** Which side moved away from the last applied value. */
  readonly changed: "desired" | "live" | "both";
  /** The managers owning the field in the live object (empty when none is recorded). */
  readonly owners: readonly string[];
}

/** The drift of one object: its class and the fields behind it. */
export interface DriftResult {
  /** The class: what changed, and on which side. */
  readonly drift: DriftClass;
  /** The object, as {@linkcode formatKey} writes it (`Deployment.apps/prod/api`). */
  readonly key: string;
  /** The fields that differ (for `new` and `missing`, every field the manifests set). */
  readonly fields: readonly DriftField[];
}

/** Fields never to count as drift: a path (prefix; `[*]` matches any item), for one kind or all. */
export interface IgnoreRule {
  /** The kind it applies to (`Deployment`); every kind when absent. */
  readonly kind?: string;
  /** E.g. `.spec.replicas`, `.metadata.annotations`, `.spec.template.spec.containers[*].image`. */
  readonly path: string;
}

/** Options of {@linkcode threeWayDiff}. */
export interface ThreeWayDiffOptions {
  /** Nopea's field manager; default `"nopea"`. */
  manager?: string;
  /** Fields that never count. */
  ignore?: readonly IgnoreRule[];
  /** Managers, besides {@linkcode DEFAULT_TRUSTED_MANAGERS}, whose live changes are not drift. */
  trustedManagers?: readonly string[];
}

/**
 * Managers whose fields are never drift: `kube-controller-manager` (an HPA's `spec.replicas`,
 * written through `/scale`) and cert-manager's `cainjector` (injected `caBundle`).
 */
export const DEFAULT_TRUSTED_MANAGERS: readonly string[] = [
  "kube-controller-manager",
  "cainjector",
];
