/**
 * @module
 * Secrets: the one place that knows which objects are Secrets (core `v1` Secret `data` and
 * `stringData`, and kubectl's last-applied annotation that repeats them) and what Nopea writes
 * instead of their values. A value has one stored form, `sha256:<64 hex>`, which memory keeps
 * (and {@linkcode isMaskedValue} recognises), and one display form, `<secret sha256:abcd1234…>`,
 * which diffs, drift, MCP, HTTP and the CLI show. Values that leak into free text are redacted to
 * the display form. The forms come from a {@linkcode SecretMasker}, unkeyed SHA-256 today, so a
 * per-store key can be added later. Pure code: no `Deno.*`, no I/O.
 */
export { createSecretMasker, isMaskedValue, type SecretMasker } from "./masker.ts";
export { hasMaskedValues, maskFieldForDisplay, maskForDisplay, maskForStore } from "./mask.ts";
export { redactValues, secretValuesOf } from "./redact.ts";
export { foldStringData, isSecret, type SecretEncoding } from "./secret_object.ts";
export { maskedLiveSecret } from "./live_view.ts";
