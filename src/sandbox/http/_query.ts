/** Query-parameter decoding and validation, with kube-apiserver's errors (400 decode, 422 invalid). */
import type { DeleteRequestOptions, ListQuery, PatchType, WriteOptions } from "../api_types.ts";
import { badRequest, invalidOptions, type OptionFieldError } from "./_status.ts";

const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);
const FIELD_VALIDATION = new Set(["", "Ignore", "Warn", "Strict"]);
const PROPAGATION = new Set(["Orphan", "Background", "Foreground"]);

/** Go's `strconv.ParseBool`, as kube decodes boolean parameters; absent is `undefined`. */
export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing "${v}": invalid syntax`);
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

function dryRunErrors(values: readonly string[]): OptionFieldError[] {
  if (values.every((v) => v === "All")) return [];
  const shown = `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`;
  return [{
    field: "dryRun",
    reason: "FieldValueNotSupported",
    detail: `Unsupported value: ${shown}: supported values: "All"`,
  }];
}

/** Options of POST, PUT and PATCH; `kind` names the options object in errors. */
export function writeOptions(
  q: URLSearchParams,
  kind: "CreateOptions" | "UpdateOptions" | "PatchOptions",
  patchType?: PatchType,
): WriteOptions {
  const dryRun = q.getAll("dryRun");
  const force = kind === "PatchOptions" ? boolParam(q, "force") : undefined;
  const errors = dryRunErrors(dryRun);
  const validation = q.get("fieldValidation") ?? "";
  if (!FIELD_VALIDATION.has(validation)) {
    errors.push({
      field: "fieldValidation",
      reason: "FieldValueNotSupported",
      detail: `Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
    });
  }
  if (force !== undefined && patchType !== "apply") {
    errors.push({
      field: "force",
      reason: "FieldValueForbidden",
      detail: "Forbidden: may not be specified for non-apply patch",
    });
  }
  const manager = q.get("fieldManager") ?? "";
  if (patchType === "apply" && manager === "") {
    errors.push({
      field: "fieldManager",
      reason: "FieldValueRequired",
      detail: "Required value: is required for apply patch",
    });
  }
  if (errors.length > 0) throw invalidOptions(kind, errors);
  const options: WriteOptions = {};
  if (dryRun.length > 0) options.dryRun = true;
  if (manager !== "") options.fieldManager = manager;
  if (force) options.force = true;
  return options;
}

/** Options of DELETE, from the query and the optional DeleteOptions body (query wins). */
export function deleteOptions(
  q: URLSearchParams,
  body: Record<string, unknown> | undefined,
): DeleteRequestOptions {
  const bodyDryRun = Array.isArray(body?.dryRun) ? body.dryRun.map(String) : [];
  const dryRun = [...q.getAll("dryRun"), ...bodyDryRun];
  const errors = dryRunErrors(dryRun);
  const policy = q.get("propagationPolicy") ??
    (typeof body?.propagationPolicy === "string" ? body.propagationPolicy : null);
  if (policy !== null && !PROPAGATION.has(policy)) {
    errors.push({
      field: "propagationPolicy",
      reason: "FieldValueNotSupported",
      detail:
        `Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    });
  }
  if (errors.length > 0) throw invalidOptions("DeleteOptions", errors);
  const pre = body?.preconditions;
  const preconditions = typeof pre === "object" && pre !== null && !Array.isArray(pre)
    ? Object.fromEntries(
      ["uid", "resourceVersion"].flatMap((k) => {
        const v = (pre as Record<string, unknown>)[k];
        return typeof v === "string" ? [[k, v]] : [];
      }),
    )
    : undefined;
  return {
    ...(dryRun.length > 0 ? { dryRun: true } : {}),
    ...(policy === null ? {} : { propagationPolicy: policy }),
    ...(preconditions && Object.keys(preconditions).length > 0 ? { preconditions } : {}),
  };
}

/** List and watch parameters. */
export function listQuery(q: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  for (const key of ["labelSelector", "fieldSelector", "resourceVersion", "continue"] as const) {
    const v = q.get(key);
    if (v !== null && v !== "") query[key] = v;
  }
  const limit = intParam(q, "limit");
  if (limit !== undefined && limit > 0) query.limit = limit;
  return query;
}

/** Watch-only parameters: `timeoutSeconds` (0/absent = server default) and bookmarks. */
export function watchParams(q: URLSearchParams): { timeoutSeconds?: number; bookmarks: boolean } {
  const timeout = intParam(q, "timeoutSeconds");
  return {
    ...(timeout !== undefined && timeout > 0 ? { timeoutSeconds: timeout } : {}),
    bookmarks: boolParam(q, "allowWatchBookmarks") === true,
  };
}
