/** Which objects are Secrets, which of their fields hold values, and how the server stores them. */
import { isPlainObject } from "../manifests/mod.ts";
import { toBase64 } from "./_bytes.ts";

/** How a Secret field holds its values: `data` as base64, `stringData` as plain text. */
export type SecretEncoding = "base64" | "text";

/** The fields of a core `v1` Secret that hold values, and their encoding. */
export const SECRET_FIELDS: Readonly<Record<string, SecretEncoding>> = {
  data: "base64",
  stringData: "text",
};

/** kubectl's annotation that repeats the whole applied object, Secret values included. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * True for a core `v1` Secret: the only kind whose `data` and `stringData` values Nopea masks.
 *
 * @example
 * ```ts
 * import { isSecret } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(isSecret({ apiVersion: "v1", kind: "Secret" }), true);
 * equal(isSecret({ apiVersion: "v1", kind: "ConfigMap" }), false);
 * equal(isSecret({ apiVersion: "example.com/v1", kind: "Secret" }), false);
 * ```
 */
export function isSecret(obj: { readonly apiVersion?: unknown; readonly kind?: unknown }): boolean {
  return obj.apiVersion === "v1" && obj.kind === "Secret";
}

/**
 * A Secret with its `stringData` moved into `data` (base64), as the API server does on write;
 * `stringData` wins over `data` for the same key. Anything else, and a Secret without
 * `stringData`, is returned as it is. The input is not changed.
 *
 * @example
 * ```ts
 * import { foldStringData } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", data: { a: "MQ==" }, stringData: { b: "2" } };
 * deepEqual(foldStringData(secret), { apiVersion: "v1", kind: "Secret", data: { a: "MQ==", b: "Mg==" } });
 * ```
 */
export function foldStringData<
  T extends { readonly apiVersion?: unknown; readonly kind?: unknown },
>(
  obj: T,
): T {
  const record = obj as Record<string, unknown>;
  if (!isSecret(obj) || !isPlainObject(record["stringData"])) return obj;
  const { stringData, ...rest } = record;
  const data = isPlainObject(rest["data"]) ? { ...rest["data"] } : {};
  for (const [k, v] of Object.entries(stringData as Record<string, unknown>)) {
    data[k] = toBase64(String(v));
  }
  return { ...rest, data } as unknown as T;
}
