/** Reading a CustomResourceDefinition: validation, served resource types and naming status. */
import type { JsonObject, PrinterColumn, ResourceType } from "../types.ts";
import { listKeysFromSchema } from "./crd_schema.ts";
import { getPath, isObject, nameOf } from "./_json.ts";
import { type FieldCause, invalidValue, required } from "./_status.ts";

/** Where a CRD's scale subresource reads and writes replicas. */
export interface ScalePaths {
  /** JSON path of the desired replicas, e.g. `.spec.replicas`. */
  specReplicasPath: string;
  /** JSON path of the observed replicas, e.g. `.status.replicas`. */
  statusReplicasPath: string;
  /** JSON path of the label selector (a string or a LabelSelector object). */
  labelSelectorPath?: string;
}

/** The names a CRD asks for. */
export interface CrdNames {
  /** Resource name in URLs. */
  plural: string;
  /** Singular name (defaults to the lowercased kind). */
  singular: string;
  /** Kind. */
  kind: string;
  /** Kind of lists (defaults to `<Kind>List`). */
  listKind: string;
  /** Short names for kubectl. */
  shortNames: string[];
  /** Categories, e.g. `all`. */
  categories: string[];
}

/** A parsed CRD. */
export interface CrdDefinition {
  /** The CRD's name (`<plural>.<group>`). */
  name: string;
  /** API group it defines. */
  group: string;
  /** The names it asks for. */
  names: CrdNames;
  /** Whether its objects live in namespaces. */
  namespaced: boolean;
  /** The version marked `storage: true`. */
  storageVersion: string;
  /** One resource type per served version. */
  types: ResourceType[];
  /** Its scale subresource paths, when it has one. */
  scale: ScalePaths | undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function str(obj: unknown, path: string): string {
  const v = getPath(obj, path.split("."));
  return typeof v === "string" ? v : "";
}

function readNames(crd: JsonObject): CrdNames {
  const kind = str(crd, "spec.names.kind");
  return {
    plural: str(crd, "spec.names.plural"),
    singular: str(crd, "spec.names.singular") || kind.toLowerCase(),
    kind,
    listKind: str(crd, "spec.names.listKind") || `${kind}List`,
    shortNames: strings(getPath(crd, ["spec", "names", "shortNames"])),
    categories: strings(getPath(crd, ["spec", "names", "categories"])),
  };
}

function validate(crd: JsonObject, group: string, names: CrdNames): FieldCause[] {
  const causes: FieldCause[] = [];
  const name = nameOf(crd);
  if (!group) causes.push(required("spec.group"));
  else if (!group.includes(".")) {
    causes.push(invalidValue("spec.group", group, "should be a domain with at least one dot"));
  }
  if (!names.plural) causes.push(required("spec.names.plural"));
  if (!names.kind) causes.push(required("spec.names.kind"));
  if (group && names.plural && name !== `${names.plural}.${group}`) {
    causes.push(invalidValue("metadata.name", name, 'must be spec.names.plural+"."+spec.group'));
  }
  const scope = str(crd, "spec.scope");
  if (scope !== "Namespaced" && scope !== "Cluster") {
    causes.push(
      scope
        ? {
          reason: "FieldValueNotSupported",
          field: "spec.scope",
          message: `Unsupported value: "${scope}": supported values: "Cluster", "Namespaced"`,
        }
        : required("spec.scope"),
    );
  }
  const versions = getPath(crd, ["spec", "versions"]);
  const list = Array.isArray(versions) ? versions.filter(isObject) : [];
  if (list.length === 0) causes.push(required("spec.versions", "must have exactly one version"));
  else if (list.filter((v) => v["storage"] === true).length !== 1) {
    causes.push(
      invalidValue(
        "spec.versions",
        list.map((v) => v["name"]).join(","),
        "must have exactly one version marked as storage version",
      ),
    );
  }
  return causes;
}

function scaleOf(version: JsonObject): ScalePaths | undefined {
  const scale = getPath(version, ["subresources", "scale"]);
  if (!isObject(scale)) return undefined;
  const selector = scale["labelSelectorPath"];
  return {
    specReplicasPath: String(scale["specReplicasPath"] ?? ".spec.replicas"),
    statusReplicasPath: String(scale["statusReplicasPath"] ?? ".status.replicas"),
    ...(typeof selector === "string" ? { labelSelectorPath: selector } : {}),
  };
}

function printerColumns(version: JsonObject): PrinterColumn[] | undefined {
  const raw = version["additionalPrinterColumns"];
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).filter((c) => typeof c["jsonPath"] === "string").map((c) => ({
    name: String(c["name"] ?? ""),
    type: String(c["type"] ?? "string"),
    jsonPath: String(c["jsonPath"]),
    ...(typeof c["format"] === "string" ? { format: c["format"] } : {}),
    ...(typeof c["description"] === "string" ? { description: c["description"] } : {}),
    ...(typeof c["priority"] === "number" ? { priority: c["priority"] } : {}),
  }));
}

/** Parses a CRD; returns the 422 causes when it is invalid. */
export function readCrd(crd: JsonObject): { def?: CrdDefinition; causes: FieldCause[] } {
  const group = str(crd, "spec.group");
  const names = readNames(crd);
  const causes = validate(crd, group, names);
  if (causes.length > 0) return { causes };
  const versions = (getPath(crd, ["spec", "versions"]) as unknown[]).filter(isObject);
  const namespaced = str(crd, "spec.scope") === "Namespaced";
  let scale: ScalePaths | undefined;
  const types: ResourceType[] = [];
  for (const v of versions) {
    if (v["served"] !== true) continue;
    scale ??= scaleOf(v);
    const schema = getPath(v, ["schema", "openAPIV3Schema"]);
    const keys = listKeysFromSchema(schema);
    const columns = printerColumns(v);
    types.push({
      group,
      version: String(v["name"] ?? ""),
      kind: names.kind,
      listKind: names.listKind,
      plural: names.plural,
      singular: names.singular,
      namespaced,
      shortNames: names.shortNames,
      categories: names.categories,
      verbs: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
      statusSubresource: isObject(getPath(v, ["subresources", "status"])),
      scaleSubresource: isObject(getPath(v, ["subresources", "scale"])),
      crd: nameOf(crd),
      listMapKeys: keys.listMapKeys,
      listSets: keys.listSets,
      ...(isObject(schema) ? { openApiSchema: schema } : {}),
      ...(columns ? { printerColumns: columns } : {}),
    });
  }
  const storage = versions.find((v) => v["storage"] === true);
  const storageVersion = String(storage?.["name"] ?? "");
  return {
    def: { name: nameOf(crd), group, names, namespaced, storageVersion, types, scale },
    causes,
  };
}
