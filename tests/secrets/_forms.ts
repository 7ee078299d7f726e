/** The two mask formats and Secret objects for the secrets tests. */
import type { KubeObject } from "../../src/manifests/mod.ts";

/** The stored form: `sha256:` and 64 lowercase hex digits. */
export const STORED = /^sha256:[0-9a-f]{64}$/;
/** The display form: `<secret sha256:` and 8 lowercase hex digits. */
export const DISPLAY = /^<secret sha256:[0-9a-f]{8}…>$/;
/** SHA-256 of "hunter2" (`printf %s hunter2 | sha256sum`). */
export const HUNTER2_SHA256 = "f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7";

/** Secret values none of which is a hex string, so none can show up in a mask by chance. */
export const VALUES: readonly string[] = [
  "hunter2",
  "correct horse battery staple",
  "pässwörd-🔑",
  "line one\nline two",
  '{"user":"admin","password":"s3cr3t!"}',
  "x".repeat(5000),
];

/** Base64 of a text's UTF-8 bytes (what a Secret's `data` holds). */
export function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** A core v1 Secret holding `values` in `data` (base64) or, `asText`, in `stringData`. */
export function secret(values: Record<string, string>, asText = false): KubeObject {
  const base = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "prod" } };
  if (asText) return { ...base, stringData: values };
  return {
    ...base,
    data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, base64(v)])),
  };
}

/** The same Secret with kubectl's last-applied annotation, which repeats its values. */
export function withLastApplied(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(obj),
        "example.com/owner": "team-a",
      },
    },
  };
}

/** Every string at any depth of a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}
