/** Selector handling of list and watch: parsing, supported fields, matching a stored object. */
import type { ListQuery } from "../api_types.ts";
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";
import { labelsOf } from "./_json.ts";
import {
  type FieldRequirement,
  type LabelRequirement,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.ts";

const EVENT_FIELDS = [
  "involvedObject.kind",
  "involvedObject.namespace",
  "involvedObject.name",
  "involvedObject.uid",
  "involvedObject.apiVersion",
  "involvedObject.resourceVersion",
  "involvedObject.fieldPath",
  "reason",
  "reportingComponent",
  "source",
  "type",
];

/** Field selectors each kind supports besides `metadata.name` and `metadata.namespace`. */
const EXTRA_FIELDS: Record<string, readonly string[]> = {
  "/Pod": [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  "/Event": EVENT_FIELDS,
  "/Secret": ["type"],
  "/Namespace": ["status.phase"],
  "/Node": ["spec.unschedulable"],
  "/ReplicationController": ["status.replicas"],
  "apps/ReplicaSet": ["status.replicas"],
  "batch/Job": ["status.successful"],
};

/** A parsed list/watch filter. */
export interface Filter {
  namespace: string | undefined;
  name: string | undefined;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

/** Parses the selectors of a query against what the kind supports. */
export function parseFilter(
  type: ResourceType,
  query: ListQuery,
  namespace: string | undefined,
  name: string | undefined,
): Filter {
  const labels = query.labelSelector ? parseLabelSelector(query.labelSelector) : [];
  const fields = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : [];
  const extra = EXTRA_FIELDS[`${type.group}/${type.kind}`];
  for (const f of fields) {
    if (f.field === "metadata.name" || f.field === "metadata.namespace") continue;
    if (extra?.includes(f.field)) continue;
    const resource = `${
      type.group ? `${type.group}/` : ""
    }${type.version}, Resource=${type.plural}`;
    const why = extra
      ? `field label not supported: ${f.field}`
      : `"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
    throw new StatusError(
      400,
      "BadRequest",
      `Unable to find "${resource}" that match label selector "${query.labelSelector ?? ""}", ` +
        `field selector "${query.fieldSelector ?? ""}": ${why}`,
    );
  }
  return {
    namespace: type.namespaced ? namespace : undefined,
    name,
    labels,
    fields: fields.map((f) => f.field === "source" ? { ...f, field: "source.component" } : f),
  };
}

/** True when a stored object passes the filter. */
export function matches(filter: Filter, obj: JsonObject): boolean {
  const m = obj["metadata"] as JsonObject;
  if (filter.namespace !== undefined && (m["namespace"] ?? "") !== filter.namespace) return false;
  if (filter.name !== undefined && m["name"] !== filter.name) return false;
  if (filter.labels.length > 0 && !matchesLabels(filter.labels, labelsOf(obj))) return false;
  return filter.fields.length === 0 || matchesFields(filter.fields, obj);
}
