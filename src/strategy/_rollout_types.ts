/** The KULTA Rollout plan's public names and types (external-formats §1). */
import type { KubeObject } from "../manifests/mod.ts";
import type { CanaryStep } from "./canary_steps.ts";

/** The apiVersion KULTA's controller watches (external-formats §1.1). */
export const KULTA_API_VERSION = "kulta.io/v1alpha1";
/** The label on pods, ReplicaSets and Service selectors that tells KULTA's roles apart (§1.7). */
export const ROLLOUT_TYPE_LABEL = "rollouts.kulta.io/type";

/** A metric KULTA's analysis checks; the canary is healthy while `value < threshold`. */
export interface RolloutMetric {
  /** The metric (KULTA knows only these two). */
  readonly name: "error-rate" | "latency-p95";
  /** The canary fails once the metric reaches this value. */
  readonly threshold: number;
}

/** KULTA canary analysis (only the metric names `error-rate` and `latency-p95` exist). */
export interface RolloutAnalysis {
  /** Analysis is skipped for this long after a step starts, e.g. `"1m"`. */
  readonly warmupDuration?: string;
  /** The metrics checked. */
  readonly metrics: readonly RolloutMetric[];
}

/** The progressive strategies. */
export type ProgressiveStrategy = "canary" | "blue_green";

/** Options of {@linkcode planRollout}. */
export interface RolloutPlanOptions {
  /** The Nopea service: the Rollout's name and the stable (active) Service's default name. */
  service: string;
  /** Canary steps. @default DEFAULT_CANARY_STEPS (or the steps of a Rollout in the manifests) */
  steps?: readonly CanaryStep[];
  /** A Gateway API HTTPRoute in the same namespace whose backends KULTA weighs. */
  httpRoute?: string;
  /** Canary analysis; KULTA does not analyse blue-green rollouts. */
  analysis?: RolloutAnalysis;
  /**
   * The Deployment to roll out progressively, when the manifests hold several and none is named
   * like the service. @default the one named like the service, else the only one
   */
  workload?: string;
}

/** What a progressive deploy applies. */
export interface RolloutPlan {
  /** The `kulta.io/v1alpha1` Rollout that replaces the Deployment. */
  rollout: KubeObject;
  /** Every object to apply, in manifest order: the Rollout where the Deployment was. */
  objects: KubeObject[];
  /** The Deployment (or earlier Rollout) the Rollout was built from; it is not applied. */
  replaced: KubeObject;
  /** Things worth telling the user. */
  warnings: string[];
}
