/** Plain JSON for MCP outputs, with every Secret's values masked wherever it appears. */
import { maskSecret } from "../drift/mod.ts";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
/** Values already masked by the drift (`<secret sha256:…>`) or memory (`sha256:<hex>`) code. */
const MASKED = /^(<secret sha256:[0-9a-f]{8}…>|sha256:[0-9a-f]{64})$/;

function isMasked(value: unknown): boolean {
  return typeof value === "string" && MASKED.test(value);
}

function isSecretObject(value: Record<string, unknown>): boolean {
  return value["apiVersion"] === "v1" && value["kind"] === "Secret" &&
    isPlainObject(value["metadata"]);
}

/** Keeps values that were masked before, so a mask is never hashed again. */
function keepMasked(original: unknown, masked: unknown): unknown {
  if (!isPlainObject(original) || !isPlainObject(masked)) return masked;
  const out: Record<string, unknown> = { ...masked };
  for (const [k, v] of Object.entries(original)) if (isMasked(v)) out[k] = v;
  return out;
}

function maskOne(secret: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...maskSecret(secret as unknown as KubeObject) };
  for (const field of ["data", "stringData"]) {
    if (field in secret) masked[field] = keepMasked(secret[field], masked[field]);
  }
  const annotations = (secret["metadata"] as { annotations?: Record<string, unknown> }).annotations;
  if (isMasked(annotations?.[LAST_APPLIED])) masked["metadata"] = secret["metadata"];
  return masked;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (!isPlainObject(value)) return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  return isSecretObject(copy) ? maskOne(copy) : copy;
}

/**
 * A plain-JSON copy of `value` (undefined fields dropped, dates as strings) in which every
 * core `v1` Secret, at any depth, has its `data`, `stringData` and last-applied values masked.
 */
export function toMaskedJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? null : walk(JSON.parse(json));
}
