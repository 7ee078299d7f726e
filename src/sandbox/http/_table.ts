/** meta.k8s.io/v1 Table rendering for `kubectl get` (Accept: ...;as=Table;g=meta.k8s.io). */
import type { JsonObject, ResourceType } from "../types.ts";
import { columnsFor, NAME_COLUMN } from "./_columns.ts";
import { printerColumnsOf } from "./_crd_columns.ts";

/** What each row carries in `object` (the `includeObject` query parameter). */
export type IncludeObject = "None" | "Metadata" | "Object";

/** Options of {@linkcode toTable}. */
export interface TableOptions {
  now: number;
  includeObject: IncludeObject;
  /** Omit `columnDefinitions` (watch events after the first). */
  noHeaders?: boolean;
}

/** Whether the Accept header asks for a meta.k8s.io Table. */
export function wantsTable(accept: string | null): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const params = part.split(";").map((p) => p.trim());
    return params.includes("as=Table") && params.includes("g=meta.k8s.io");
  });
}

/** Parses `includeObject` (`Metadata` when absent or unknown, as kube defaults). */
export function parseIncludeObject(value: string | null): IncludeObject {
  return value === "None" || value === "Object" ? value : "Metadata";
}

function rowObject(obj: JsonObject, include: IncludeObject): JsonObject | undefined {
  if (include === "None") return undefined;
  if (include === "Object") return obj;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}

/** Renders objects of one type as a Table; `listMeta` is the list's metadata (RV, continue). */
export function toTable(
  type: ResourceType,
  objects: readonly JsonObject[],
  listMeta: JsonObject,
  options: TableOptions,
): JsonObject {
  const columns = type.printerColumns && type.printerColumns.length > 0
    ? [NAME_COLUMN, ...printerColumnsOf(type.printerColumns)]
    : columnsFor(type.group, type.kind);
  const rows = objects.map((obj) => {
    const object = rowObject(obj, options.includeObject);
    return {
      cells: columns.map((c) => c.cell(obj, options.now)),
      ...(object === undefined ? {} : { object }),
    };
  });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: listMeta,
    ...(options.noHeaders ? {} : {
      columnDefinitions: columns.map(({ name, type, format, description, priority }) => ({
        name,
        type,
        format,
        description,
        priority,
      })),
    }),
    rows,
  };
}
