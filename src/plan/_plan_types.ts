/** The types of a direct deploy plan: its options, planned objects, groups and the plan. */
import type { ResourceInfo } from "../kube/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { ApplyGroupName } from "./apply_order.ts";

/** Options of {@linkcode planDeploy}. */
export interface PlanOptions {
  /** The Nopea service (a DNS-1123 label). */
  service: string;
  /** The namespace for namespaced objects that do not name one. */
  namespace: string;
  /** The deploy's ULID, stamped on every object as `nopea.io/deploy-id`. */
  deployId: string;
  /** Discovery: the resource type serving a kind, `undefined` when the cluster does not serve it. */
  resolve: (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>;
  /** Extra labels for every object's metadata. */
  labels?: Readonly<Record<string, string>>;
}

/** One object ready to apply. */
export interface PlannedObject {
  /** The object with namespace defaulted and Nopea's labels and annotation. */
  readonly object: KubeObject;
  /** The key of `object` (namespace included when namespaced). */
  readonly key: ResourceKey;
  /** Its resource type, from discovery or from a CRD in the same manifest set. */
  readonly resource: ResourceInfo;
}

/** Objects applied together (in parallel); the group after it starts when this one is done. */
export interface PlanGroup {
  /** Which group (DESIGN §2.2). */
  readonly name: ApplyGroupName;
  /** In manifest order. */
  readonly objects: readonly PlannedObject[];
  /** True for CRDs: each must report `Established` before the next group is applied. */
  readonly awaitEstablished: boolean;
}

/** What a direct deploy applies, in order. */
export interface DeployPlan {
  /** The Nopea service. */
  readonly service: string;
  /** The default namespace of the deploy. */
  readonly namespace: string;
  /** The deploy's ULID. */
  readonly deployId: string;
  /** Non-empty groups in apply order (DESIGN §2.2). */
  readonly groups: readonly PlanGroup[];
  /** Things worth telling the user (ignored namespaces on cluster-scoped objects). */
  readonly warnings: readonly string[];
}
