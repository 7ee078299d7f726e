/** Secret values: folded like the API server does, compared by hash, and masked in every output. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import type { FieldPath } from "./field_path.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** True for a core `v1` Secret. */
export function isSecret(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.apiVersion === "v1" && obj.kind === "Secret";
}

/**
 * A copy of a Secret whose `data` and `stringData` values (and kubectl's last-applied
 * annotation, which repeats them) are replaced by `<secret sha256:abcd1234…>`: the first 8 hex
 * digits of the SHA-256 of the decoded value, so the same value gives the same mask whether it
 * came as `data` or `stringData`, and `printf %s "$value" | sha256sum` confirms a guess. Any other
 * object is returned unchanged.
 *
 * @example
 * ```ts
 * import { maskSecret } from "./mod.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { password: btoa("hunter2") } };
 * const masked = maskSecret(secret);
 * equal(JSON.stringify(masked).includes(btoa("hunter2")), false);
 * const sameValueAsText = maskSecret({ ...secret, data: undefined, stringData: { password: "hunter2" } });
 * deepEqual(masked.data, sameValueAsText.stringData);
 * ```
 */
export function maskSecret(obj: KubeObject): KubeObject {
  if (!isSecret(obj)) return obj;
  const masked: KubeObject = { ...obj };
  if (isPlainObject(obj.data)) masked.data = mapValues(obj.data, (v) => maskValue(v, "base64"));
  if (isPlainObject(obj.stringData)) {
    masked.stringData = mapValues(obj.stringData, (v) => maskValue(v, "text"));
  }
  const annotations = obj.metadata.annotations;
  if (annotations?.[LAST_APPLIED] !== undefined) {
    masked.metadata = {
      ...obj.metadata,
      annotations: { ...annotations, [LAST_APPLIED]: maskValue(annotations[LAST_APPLIED], "text") },
    };
  }
  return masked;
}

/** Masks the value of a Secret field at `path` (`.data.x`, `.stringData.x`, or the whole map). */
export function maskSecretField(path: FieldPath, value: unknown): unknown {
  const first = path[0];
  if (first === undefined || !("field" in first) || value === undefined) return value;
  const encoding = first.field === "data" ? "base64" : first.field === "stringData" ? "text" : "";
  if (encoding === "") return value;
  if (path.length > 1) return maskValue(value, encoding);
  return isPlainObject(value) ? mapValues(value, (v) => maskValue(v, encoding)) : value;
}

/** `<secret sha256:abcd1234…>` for one value; `base64` values are hashed after decoding. */
export function maskValue(value: unknown, encoding: "base64" | "text"): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  const bytes = (encoding === "base64" ? fromBase64(text) : undefined) ??
    new TextEncoder().encode(text);
  return `<secret sha256:${bytesToHex(sha256(bytes)).slice(0, 8)}…>`;
}

/** Moves `stringData` into `data` (base64), as the API server does on write. */
export function foldStringData(secret: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(secret.stringData)) return secret;
  const { stringData, ...rest } = secret;
  const data = isPlainObject(rest.data) ? { ...rest.data } : {};
  for (const [k, v] of Object.entries(stringData)) {
    data[k] = toBase64(typeof v === "string" ? v : "");
  }
  return { ...rest, data };
}

function toBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function mapValues(
  record: Record<string, unknown>,
  fn: (v: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
