/** Short, escaped excerpts of untrusted request parts for error messages. */

/**
 * At most `max` characters of `value`, quoted, control and non-ASCII characters escaped, with the
 * full length when it was cut: an answer never echoes a whole header, path or field.
 *
 * @example
 * ```ts
 * import { excerpt } from "./_excerpt.ts";
 * import { equal } from "node:assert/strict";
 * equal(excerpt("evil.example"), '"evil.example"');
 * equal(excerpt("x".repeat(100), 4), '"xxxx…" (100 characters)');
 * ```
 */
export function excerpt(value: unknown, max = 64): string {
  const text = typeof value === "string" ? value : String(value);
  const cut = [...text].slice(0, max).join("");
  const quoted = JSON.stringify(cut).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return cut.length < text.length ? `${quoted.slice(0, -1)}…" (${text.length} characters)` : quoted;
}
