/** Secrets with their values replaced: the stored form for memory, the display form for people. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { isDisplayForm, isMaskedValue, type SecretMasker, UNKEYED } from "./masker.ts";
import { isSecret, LAST_APPLIED, SECRET_FIELDS, type SecretEncoding } from "./secret_object.ts";

type Form = (value: unknown, encoding: SecretEncoding) => unknown;

/** A copy of a Secret with every `data`/`stringData` value and the last-applied annotation masked. */
function maskValues(secret: Record<string, unknown>, form: Form): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...secret };
  for (const [field, encoding] of Object.entries(SECRET_FIELDS)) {
    const map = secret[field];
    if (isPlainObject(map)) {
      masked[field] = Object.fromEntries(
        Object.entries(map).map(([k, v]) => [k, form(v, encoding)]),
      );
    }
  }
  const metadata = secret["metadata"];
  const annotations = isPlainObject(metadata) ? metadata["annotations"] : undefined;
  if (isPlainObject(annotations) && annotations[LAST_APPLIED] !== undefined) {
    masked["metadata"] = {
      ...metadata as Record<string, unknown>,
      annotations: { ...annotations, [LAST_APPLIED]: form(annotations[LAST_APPLIED], "text") },
    };
  }
  return masked;
}

/** The display form of one value; values in the stored or display form are shown as they are. */
function display(masker: SecretMasker): Form {
  return (value, encoding) =>
    isMaskedValue(value) || isDisplayForm(value) ? value : masker.displayForm(value, encoding);
}

/**
 * Copies of the objects as memory stores them: every core `v1` Secret's `data` and `stringData`
 * value (and kubectl's last-applied annotation, which repeats them) in the stored form
 * (`sha256:<hex>`). Other objects are returned as they are; the input is not changed.
 *
 * @example
 * ```ts
 * import { maskForStore } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { pw: "hunter2" } };
 * const [stored] = maskForStore([secret]);
 * equal((stored?.["stringData"] as Record<string, string>)["pw"],
 *   "sha256:f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7");
 * ```
 */
export function maskForStore(
  objects: readonly KubeObject[],
  masker: SecretMasker = UNKEYED,
): KubeObject[] {
  const stored: Form = (value) => masker.storedForm(String(value));
  return objects.map((o) => isSecret(o) ? maskValues(o, stored) as KubeObject : o);
}

/**
 * `value` with every core `v1` Secret in it, at any depth (an object, a list of objects, a report
 * holding objects), showing its `data`, `stringData` and last-applied values in the display form
 * (`<secret sha256:abcd1234…>`). Values already in the stored or display form are kept as they
 * are, so a mask is never masked again. Parts without a Secret are returned as they are (the same
 * object); the input is not changed.
 *
 * @example
 * ```ts
 * import { maskForDisplay } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { pw: btoa("hunter2") } };
 * deepEqual(maskForDisplay({ live: [secret] }), {
 *   live: [{ ...secret, data: { pw: "<secret sha256:f52fbd32…>" } }],
 * });
 * ```
 */
export function maskForDisplay<T>(value: T, masker: SecretMasker = UNKEYED): T {
  const form = display(masker);
  const walk = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) {
      let items: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item = walk(v[i]);
        if (item !== v[i]) (items ??= [...v])[i] = item;
      }
      return items ?? v;
    }
    if (!isPlainObject(v)) return v;
    if (isSecret(v)) return maskValues(v, form);
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const x = walk(v[key]);
      if (x !== v[key]) (copy ??= { ...v })[key] = x;
    }
    return copy ?? v;
  };
  return walk(value) as T;
}

/**
 * The display form of a value read from field `field` of `owner` (the top-level field of its
 * path: `data` for `.data.password`): for a core `v1` Secret's `data` or `stringData`, one entry
 * value or the whole map is masked as {@linkcode maskForDisplay} does; anything else, and
 * `undefined` or `null`, is returned as it is.
 *
 * @example
 * ```ts
 * import { maskFieldForDisplay } from "./mod.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret" };
 * equal(maskFieldForDisplay(secret, "data", btoa("hunter2")), "<secret sha256:f52fbd32…>");
 * deepEqual(maskFieldForDisplay(secret, "stringData", { pw: "hunter2" }), { pw: "<secret sha256:f52fbd32…>" });
 * equal(maskFieldForDisplay(secret, "metadata", "db"), "db");
 * equal(maskFieldForDisplay({ apiVersion: "v1", kind: "ConfigMap" }, "data", "1"), "1");
 * ```
 */
export function maskFieldForDisplay(
  owner: { readonly apiVersion?: unknown; readonly kind?: unknown },
  field: string | undefined,
  value: unknown,
  masker: SecretMasker = UNKEYED,
): unknown {
  const encoding = field === undefined ? undefined : SECRET_FIELDS[field];
  if (!isSecret(owner) || encoding === undefined || value === undefined || value === null) {
    return value;
  }
  const form = display(masker);
  if (!isPlainObject(value)) return form(value, encoding);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, form(v, encoding)]));
}

/**
 * Whether a core `v1` Secret still holds values in the stored form: memory replaced them by
 * hashes, so the object cannot be applied as it is (rollback and heal take the live values).
 *
 * @example
 * ```ts
 * import { hasMaskedValues, maskForStore } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { pw: btoa("hunter2") } };
 * equal(hasMaskedValues(secret), false);
 * equal(hasMaskedValues(maskForStore([secret])[0]!), true);
 * ```
 */
export function hasMaskedValues(obj: KubeObject): boolean {
  return isSecret(obj) && Object.keys(SECRET_FIELDS).some((field) => {
    const map = obj[field];
    return isPlainObject(map) && Object.values(map).some(isMaskedValue);
  });
}
