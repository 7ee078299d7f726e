/** Cell helpers of the Table printers: reading fields, and column definitions. */
import type { JsonObject } from "../types.ts";
import { ageOf } from "./_age.ts";

/** One Table column: its definition plus how to compute the cell. */
export interface Column {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
  cell(obj: JsonObject, now: number): string | number;
}

/** The value at a dotted path, or `undefined`. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The number at a path, else `fallback`. */
export function num(obj: unknown, path: string, fallback = 0): number {
  const v = at(obj, path);
  return typeof v === "number" ? v : fallback;
}

/** The non-empty string at a path, else `fallback`. */
export function str(obj: unknown, path: string, fallback = "<none>"): string {
  const v = at(obj, path);
  return typeof v === "string" && v !== "" ? v : fallback;
}

/** The objects of the array at a path. */
export function list(obj: unknown, path: string): JsonObject[] {
  const v = at(obj, path);
  return Array.isArray(v)
    ? v.filter((x): x is JsonObject => typeof x === "object" && x !== null)
    : [];
}

/** How many keys the object at a path has. */
export function count(obj: unknown, path: string): number {
  const v = at(obj, path);
  return typeof v === "object" && v !== null ? Object.keys(v).length : 0;
}

/** `k=v,k2=v2` of a label map, or `<none>`. */
export function selector(labels: unknown): string {
  if (typeof labels !== "object" || labels === null) return "<none>";
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? "<none>" : pairs.map(([k, v]) => `${k}=${v}`).join(",");
}

/** A column: its name, how to compute a cell, and options. */
export function col(
  name: string,
  cell: Column["cell"],
  options: Partial<Omit<Column, "name" | "cell">> = {},
): Column {
  return {
    name,
    type: options.type ?? "string",
    format: options.format ?? "",
    description: options.description ?? `${name} of the object`,
    priority: options.priority ?? 0,
    cell,
  };
}

/** The Name column. */
export const NAME = col("Name", (o) => str(o, "metadata.name", ""), {
  format: "name",
  description:
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
});
/** The Name column every table starts with. */
export const NAME_COLUMN: Column = NAME;
/** The Age column. */
export const AGE = col("Age", (o, now) => ageOf(at(o, "metadata.creationTimestamp"), now), {
  description:
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.",
});
/** Options of an integer column. */
export const int = { type: "integer" } as const;
/** Options of a column shown by `-o wide` only. */
export const wide = { priority: 1 } as const;

/** Containers, Images and Selector (wide) of a workload whose pod template is at `path`. */
export function templateColumns(path = "spec.template", selectorPath = "spec.selector"): Column[] {
  const containers = (o: JsonObject) => list(o, `${path}.spec.containers`);
  return [
    col("Containers", (o) => containers(o).map((c) => str(c, "name", "")).join(","), wide),
    col("Images", (o) => containers(o).map((c) => str(c, "image", "")).join(","), wide),
    col("Selector", (o) => selector(at(o, `${selectorPath}.matchLabels`)), wide),
  ];
}
