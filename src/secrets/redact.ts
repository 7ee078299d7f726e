/** Secret values that leak into free text (error messages, warnings), found and replaced. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { decodeBase64Text } from "./_bytes.ts";
import { type SecretMasker, UNKEYED } from "./masker.ts";
import { isSecret, SECRET_FIELDS } from "./secret_object.ts";

/** Shorter values are too likely to occur by chance to be worth replacing. */
const MIN_LENGTH = 4;

/**
 * The values of the core `v1` Secrets among `objects`, to look for in free text: each as
 * written and, for `data`, also base64-decoded; 4 characters or longer, longest first.
 *
 * @example
 * ```ts
 * import { secretValuesOf } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { pw: btoa("hunter2") } };
 * deepEqual(secretValuesOf([secret]), [btoa("hunter2"), "hunter2"]);
 * ```
 */
export function secretValuesOf(objects: readonly KubeObject[]): string[] {
  const values = new Set<string>();
  for (const o of objects) {
    if (!isSecret(o)) continue;
    for (const [field, encoding] of Object.entries(SECRET_FIELDS)) {
      const map = o[field];
      if (!isPlainObject(map)) continue;
      for (const v of Object.values(map)) {
        if (typeof v !== "string") continue;
        values.add(v);
        const plain = encoding === "base64" ? decodeBase64Text(v) : undefined;
        if (plain !== undefined) values.add(plain);
      }
    }
  }
  return [...values].filter((v) => v.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `value` with every occurrence of the given Secret values, in every string inside it (at any
 * depth), replaced by their display form (`<secret sha256:abcd1234…>`, of the text found). One
 * pass, longest value first, so a shorter value is never found inside a replacement. Other values
 * are kept; the input is not changed.
 *
 * @example
 * ```ts
 * import { redactValues } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const error = { message: 'data[pw]: Invalid value: "hunter2"', status: 422 };
 * deepEqual(redactValues(error, ["hunter2"]), {
 *   message: 'data[pw]: Invalid value: "<secret sha256:f52fbd32…>"', status: 422,
 * });
 * ```
 */
export function redactValues<T>(
  value: T,
  secrets: readonly string[],
  masker: SecretMasker = UNKEYED,
): T {
  const wanted = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return value;
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "g");
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(pattern, (found) => masker.displayForm(found));
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
