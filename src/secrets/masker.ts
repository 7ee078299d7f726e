/** The two forms a Secret value takes instead of itself: the stored form and the display form. */
import { fromBase64, hmacHex, sha256Hex, utf8 } from "./_bytes.ts";
import type { SecretEncoding } from "./secret_object.ts";

/** `sha256:` (unkeyed) or `hmac-sha256:` (a store's key) and 64 hex digits: the stored form. */
const STORED_FORM = /^(?:sha256|hmac-sha256):[0-9a-f]{64}$/;
/** `<secret sha256:` (or `<secret hmac:`, keyed) and 8 hex digits: the display form. */
const DISPLAY_FORM = /^<secret (?:sha256|hmac):[0-9a-f]{8}…>$/;

/**
 * Turns Secret values into the two forms Nopea writes instead of them. Every masking function of
 * this module takes one (the unkeyed SHA-256 masker when none is given), so a masker made from a
 * per-store key (HMAC) can later replace it without changing any caller.
 *
 * @example
 * ```ts
 * import { createSecretMasker } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const masker = createSecretMasker();
 * equal(masker.storedForm("hunter2"), "sha256:f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7");
 * equal(masker.displayForm("hunter2"), "<secret sha256:f52fbd32…>");
 * equal(masker.displayForm(btoa("hunter2"), "base64"), "<secret sha256:f52fbd32…>");
 * ```
 */
export interface SecretMasker {
  /**
   * The stored form, what memory keeps instead of a value: `sha256:` and the 64 hex digits of the
   * SHA-256 of the value's UTF-8 text exactly as written (a `data` value is hashed as its base64
   * text). Existing stores hold this form, so it never changes for the unkeyed masker.
   */
  storedForm(value: string): string;
  /**
   * The display form, what diffs, drift, MCP, HTTP and the CLI show instead of a value:
   * `<secret sha256:abcd1234…>`, the first 8 hex digits of the SHA-256 of the value's bytes. A
   * `base64` value is decoded first, so the same value gives the same mask whether it came as
   * `data` or `stringData`, and `printf %s "$value" | sha256sum` confirms a guess. A value that is
   * not a string is shown as the mask of its JSON.
   */
  displayForm(value: unknown, encoding?: SecretEncoding): string;
}

/**
 * The Secret masker. Unkeyed, the stored form is `sha256:<hex>`; with a store's random key
 * (`createSecretMasker({ key })`, at least 16 bytes) it is `hmac-sha256:<hex>`, HMAC-SHA256 under
 * that key, so a short value (a PIN) cannot be recovered from memory by hashing guesses. The
 * display form is described on {@linkcode SecretMasker}.
 *
 * @example
 * ```ts
 * import { createSecretMasker, isMaskedValue } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(isMaskedValue(createSecretMasker().storedForm("hunter2")), true);
 * ```
 */
export function createSecretMasker(options: { key?: Uint8Array } = {}): SecretMasker {
  const key = options.key;
  if (key === undefined) return UNKEYED;
  if (key.length < 16) throw new RangeError("A Secret masking key has at least 16 bytes");
  return Object.freeze({
    storedForm: (value: string) => `hmac-sha256:${hmacHex(key, utf8(value))}`,
    displayForm(value: unknown, encoding: SecretEncoding = "text"): string {
      return `<secret hmac:${hmacHex(key, displayBytes(value, encoding)).slice(0, 8)}…>`;
    },
  });
}

/** The masker every function uses when none is given. */
export const UNKEYED: SecretMasker = Object.freeze({
  storedForm(value: string): string {
    return `sha256:${sha256Hex(utf8(value))}`;
  },
  displayForm(value: unknown, encoding: SecretEncoding = "text"): string {
    return `<secret sha256:${sha256Hex(displayBytes(value, encoding)).slice(0, 8)}…>`;
  },
});

/** The bytes a display form hashes: a `base64` value decoded, anything else as text or JSON. */
function displayBytes(value: unknown, encoding: SecretEncoding): Uint8Array {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return (encoding === "base64" ? fromBase64(text) : undefined) ?? utf8(text);
}

/**
 * Whether a value is in the stored form (`sha256:` and 64 hex digits): a placeholder memory kept
 * instead of a Secret value, which must never be applied to a cluster.
 *
 * @example
 * ```ts
 * import { isMaskedValue } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(isMaskedValue(`sha256:${"0".repeat(64)}`), true);
 * equal(isMaskedValue("hunter2"), false);
 * equal(isMaskedValue(42), false);
 * ```
 */
export function isMaskedValue(value: unknown): boolean {
  return typeof value === "string" && STORED_FORM.test(value);
}

/** Whether a value is in the display form (`<secret sha256:abcd1234…>`). */
export function isDisplayForm(value: unknown): boolean {
  return typeof value === "string" && DISPLAY_FORM.test(value);
}
