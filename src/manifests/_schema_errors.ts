// Turns the errors of a `kubernetes-models` schema validator (Ajv's shape) into Problems: one per
// field, with the field path as written in the manifest and a hint.
import { type Problem, shown } from "./_problem.ts";
import type { FieldPath } from "./_yaml.ts";

/** One error of an Ajv-generated validator. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

const ARTICLE: Readonly<Record<string, string>> = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean (true or false)",
  object: "an object",
  array: "a list",
};

/** The instance path as field path; indexes of lists become numbers. */
function toPath(root: unknown, instancePath: string): FieldPath {
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of instancePath.split("/").slice(1)) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const index = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : undefined;
    path.push(index ?? segment);
    node = (node as Record<string | number, unknown> | undefined)?.[index ?? segment];
  }
  return path;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root);
}

const FORMATS: Readonly<Record<string, string>> = {
  int32: "a whole number (32 bits)",
  int64: "a whole number (64 bits)",
  "date-time": "an RFC 3339 date-time",
  byte: "base64-encoded",
};

function describe(errors: readonly SchemaError[], value: unknown): string {
  const format = errors.find((e) => e.keyword === "format")?.params["format"];
  const types = errors.filter((e) => e.keyword === "type").map((e) => String(e.params["type"]));
  const enums = errors.find((e) => e.keyword === "enum")?.params["allowedValues"];
  if (format === "quantity") {
    return `has invalid value ${shown(value)}: must be a quantity such as "500m", "1Gi" or 2`;
  }
  if (types.length > 0) {
    return `must be ${types.map((t) => ARTICLE[t] ?? t).join(" or ")}, not ${shown(value)}`;
  }
  if (typeof format === "string") {
    return `has invalid value ${shown(value)}: must be ${FORMATS[format] ?? `a ${format}`}`;
  }
  if (Array.isArray(enums)) {
    const allowed = enums.map((v) => JSON.stringify(v)).join(", ");
    return `has invalid value ${shown(value)}: must be one of ${allowed}`;
  }
  const [first] = errors;
  return `breaks the schema: ${first?.message ?? first?.keyword}`;
}

function hintFor(detail: string, last: string): string {
  if (detail.includes("quantity")) {
    return "Use a Kubernetes quantity: a number with an optional suffix (m, k, M, G, Ki, Mi, Gi)";
  }
  if (/must be (an integer|a whole number)/.test(detail)) {
    return `Write ${last} as a whole number, without quotes`;
  }
  if (/must be (a number|a boolean)/.test(detail)) return `Write ${last} without quotes`;
  if (/^must be a string, not/.test(detail)) return `Quote ${last}: it must be a string`;
  if (detail.startsWith("must be a list")) return `Write ${last} as a YAML list ("- item" lines)`;
  if (detail.includes("must be one of")) return `Use one of the listed values for ${last}`;
  return `Fix ${last} as the Kubernetes API reference describes it`;
}

/** One problem per field that breaks the schema; `required` names the missing field. */
export function schemaProblems(root: unknown, errors: readonly SchemaError[]): Problem[] {
  const byField = new Map<string, { path: FieldPath; errors: SchemaError[] }>();
  for (const error of errors) {
    const missing = error.keyword === "required" ? error.params["missingProperty"] : undefined;
    const instancePath = error.instancePath +
      (typeof missing === "string"
        ? `/${missing.replaceAll("~", "~0").replaceAll("/", "~1")}`
        : "");
    const entry = byField.get(instancePath) ??
      { path: toPath(root, instancePath), errors: [] };
    entry.errors.push(error);
    byField.set(instancePath, entry);
  }
  return [...byField.values()].map(({ path, errors }) => {
    const last = String(path[path.length - 1] ?? "the object");
    if (errors.some((e) => e.keyword === "required")) {
      return {
        path,
        detail: "is required",
        hint: `Add ${last}: the schema of this kind requires it`,
      };
    }
    const detail = describe(errors, valueAt(root, path));
    return { path, detail, hint: hintFor(detail, last) };
  });
}
