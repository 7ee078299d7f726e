/** Secret values never reach disk: masking of manifests, content hashes, redaction of leaked values. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** `"sha256:<hex>"` of a string. */
export function hashValue(value: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(value)))}`;
}

function maskMap(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = hashValue(String(v));
  return out;
}

function maskSecret(obj: KubeObject): KubeObject {
  const annotations = obj.metadata.annotations;
  const masked: KubeObject = { ...obj, metadata: { ...obj.metadata } };
  if (annotations && LAST_APPLIED in annotations) {
    masked.metadata.annotations = {
      ...annotations,
      [LAST_APPLIED]: hashValue(annotations[LAST_APPLIED] ?? ""),
    };
  }
  if ("data" in obj) masked["data"] = maskMap(obj["data"]);
  if ("stringData" in obj) masked["stringData"] = maskMap(obj["stringData"]);
  return masked;
}

/**
 * Copies the objects with every Secret `data`/`stringData` value (and its
 * last-applied annotation) replaced by `"sha256:<hex>"` of the value. Other
 * objects are returned as they are; the input is not changed.
 *
 * @example
 * ```ts
 * import { maskSecrets } from "./secrets.ts";
 * import { match } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { pw: "aHVudGVyMg==" } };
 * const [masked] = maskSecrets([secret]);
 * match(String((masked?.["data"] as Record<string, string>)["pw"]), /^sha256:[0-9a-f]{64}$/);
 * ```
 */
export function maskSecrets(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((o) => (o.kind === "Secret" ? maskSecret(o) : o));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The content address of a manifest set: hex SHA-256 of its canonical JSON (keys
 * sorted), so the same objects always give the same hash.
 *
 * @example
 * ```ts
 * import { manifestSetHash } from "./secrets.ts";
 * import { equal } from "node:assert/strict";
 * const a = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { x: "1", y: "2" } };
 * const b = { kind: "ConfigMap", data: { y: "2", x: "1" }, apiVersion: "v1", metadata: { name: "a" } };
 * equal(manifestSetHash([a]), manifestSetHash([b]));
 * ```
 */
export function manifestSetHash(objects: readonly KubeObject[]): string {
  return bytesToHex(sha256(utf8ToBytes(canonical(objects))));
}

function decodeBase64(value: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(atob(value), (c) => c.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

/** The Secret values of a manifest set (as written and base64-decoded), 4 characters or longer. */
export function secretValuesOf(objects: readonly KubeObject[]): string[] {
  const values = new Set<string>();
  for (const o of objects) {
    if (o.kind !== "Secret") continue;
    for (const field of ["data", "stringData"]) {
      const map = o[field];
      if (!isPlainObject(map)) continue;
      for (const v of Object.values(map)) {
        if (typeof v !== "string") continue;
        values.add(v);
        if (field === "data") {
          const plain = decodeBase64(v);
          if (plain !== undefined) values.add(plain);
        }
      }
    }
  }
  return [...values].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of the given values inside the strings of a JSON value by their hash. */
export function redactValues<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      let s = v;
      for (const secret of secrets) {
        if (s.includes(secret)) {
          s = s.split(secret).join(`<secret ${hashValue(secret).slice(0, 19)}…>`);
        }
      }
      return s;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
