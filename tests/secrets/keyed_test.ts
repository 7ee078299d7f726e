/** Secret values masked with a store's key: a short value cannot be found by hashing guesses. */
import { equal, match, notEqual, throws } from "node:assert/strict";
import { createSecretMasker, isMaskedValue } from "../../src/secrets/mod.ts";

const KEY_A = new Uint8Array(32).fill(1);
const KEY_B = new Uint8Array(32).fill(2);

Deno.test("a keyed masker writes hmac-sha256 stored forms that depend on the key", () => {
  const a = createSecretMasker({ key: KEY_A }).storedForm("1234");
  match(a, /^hmac-sha256:[0-9a-f]{64}$/);
  notEqual(a, createSecretMasker({ key: KEY_B }).storedForm("1234"));
  notEqual(a, createSecretMasker().storedForm("1234"));
  equal(isMaskedValue(a), true);
});

Deno.test("a keyed masker's display form is keyed too", () => {
  const shown = createSecretMasker({ key: KEY_A }).displayForm("1234");
  match(shown, /^<secret hmac:[0-9a-f]{8}…>$/);
  notEqual(shown, createSecretMasker().displayForm("1234"));
});

Deno.test("a key shorter than 16 bytes is refused", () => {
  throws(() => createSecretMasker({ key: new Uint8Array(8) }), RangeError);
});
