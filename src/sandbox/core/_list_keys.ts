/** List-map keys of the builtin kinds, as kube's OpenAPI `x-kubernetes-list-map-keys` declares them. */

/** A table of dotted list paths to their map keys. */
export type ListKeys = Record<string, readonly string[]>;

/** Keys every kind has: `metadata.ownerReferences` by uid. */
export const METADATA_KEYS: ListKeys = { "metadata.ownerReferences": ["uid"] };

/** Lists every kind merges as sets. */
export const METADATA_SETS: readonly string[] = ["metadata.finalizers"];

/** `status.conditions` merged by `type`. */
export const CONDITION_KEYS: ListKeys = { "status.conditions": ["type"] };

/**
 * The list-map keys of a pod spec found at `prefix` (`"spec."` for a Pod,
 * `"spec.template.spec."` for workloads, `"spec.jobTemplate.spec.template.spec."` for CronJobs).
 */
export function podSpecKeys(prefix: string): ListKeys {
  const keys: Record<string, readonly string[]> = {
    [`${prefix}volumes`]: ["name"],
    [`${prefix}imagePullSecrets`]: ["name"],
    [`${prefix}hostAliases`]: ["ip"],
    [`${prefix}topologySpreadConstraints`]: ["topologyKey", "whenUnsatisfiable"],
    [`${prefix}resourceClaims`]: ["name"],
    [`${prefix}schedulingGates`]: ["name"],
  };
  for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
    const at = `${prefix}${list}`;
    keys[at] = ["name"];
    keys[`${at}.ports`] = ["containerPort", "protocol"];
    keys[`${at}.env`] = ["name"];
    keys[`${at}.volumeMounts`] = ["mountPath"];
    keys[`${at}.volumeDevices`] = ["devicePath"];
  }
  return keys;
}

/** Pod-spec keys of a workload's `spec.template`, plus its status conditions. */
export const WORKLOAD_KEYS: ListKeys = { ...podSpecKeys("spec.template.spec."), ...CONDITION_KEYS };

/** Pod keys: the pod spec at `spec.` and the keyed status lists. */
export const POD_KEYS: ListKeys = {
  ...podSpecKeys("spec."),
  ...CONDITION_KEYS,
  "status.podIPs": ["ip"],
  "status.hostIPs": ["ip"],
};

/** Gateway API markers of Gateway. */
export const GATEWAY_KEYS: ListKeys = {
  "spec.listeners": ["name"],
  ...CONDITION_KEYS,
  "status.listeners": ["name"],
  "status.listeners.conditions": ["type"],
};
