/** Request checks shared by the write verbs: body shape, URL identity, options. */
import type { WriteOptions } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import { apiVersionOf, isObject } from "./_json.ts";
import { badRequest, invalid } from "./_status.ts";

/** The request body as an object (400 otherwise). */
export function bodyObject(body: unknown): JsonObject {
  if (!isObject(body)) throw badRequest("the body of the request was in an unknown format");
  return body;
}

/**
 * apiVersion and kind, when present, must be the URL's; `metadata.namespace`, when present,
 * must be the URL's; with `urlName`, `metadata.name` must equal it (400 BadRequest each).
 */
export function checkIdentity(
  type: ResourceType,
  body: JsonObject,
  namespace: string,
  urlName: string | undefined,
): void {
  const expected = apiVersionOf(type.group, type.version);
  const apiVersion = body["apiVersion"];
  if (apiVersion !== undefined && apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(apiVersion)}) does not match the expected API ` +
        `version (${expected})`,
    );
  }
  const kind = body["kind"];
  if (kind !== undefined && kind !== type.kind) {
    throw badRequest(
      `the kind in the data (${String(kind)}) does not match the expected kind (${type.kind})`,
    );
  }
  const m = isObject(body["metadata"]) ? body["metadata"] : {};
  const ns = m["namespace"];
  if (type.namespaced && ns !== undefined && ns !== "" && ns !== namespace) {
    throw badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  if (urlName !== undefined && (m["name"] ?? "") !== urlName) {
    throw badRequest(
      `the name of the object (${String(m["name"] ?? "")}) does not match the name on the URL ` +
        `(${urlName})`,
    );
  }
}

/** Validates `fieldManager` (at most 128 bytes) and `force` for the given verb's options kind. */
export function checkOptions(
  options: WriteOptions,
  kind: "CreateOptions" | "UpdateOptions" | "PatchOptions",
  apply: boolean,
): void {
  const gk = { group: "meta.k8s.io", kind };
  const manager = options.fieldManager;
  if (manager !== undefined && new TextEncoder().encode(manager).length > 128) {
    throw invalid(gk, "", [{
      reason: "FieldValueTooLong",
      field: "fieldManager",
      message: "Too long: may not be more than 128 bytes",
    }]);
  }
  if (apply && !manager) {
    throw invalid(gk, "", [{
      reason: "FieldValueRequired",
      field: "fieldManager",
      message: "Required value: is required for apply patch",
    }]);
  }
  if (!apply && options.force === true) {
    throw invalid(gk, "", [{
      reason: "FieldValueForbidden",
      field: "force",
      message: "Forbidden: may not be specified for non-apply patch",
    }]);
  }
}
