import { deepEqual, equal, match, notEqual, ok } from "node:assert/strict";
import { manifestSetHash, maskSecrets } from "../../src/memory/mod.ts";
import { hashValue, redactValues, secretValuesOf } from "../../src/memory/secrets.ts";
import { manifestsWithSecret, SECRET_PLAIN, SECRET_TOKEN } from "./_factory.ts";

Deno.test("maskSecrets() replaces Secret values by hashes and leaves the input alone", () => {
  const input = manifestsWithSecret();
  const before = JSON.stringify(input);
  const masked = maskSecrets(input);
  equal(JSON.stringify(input), before);
  const text = JSON.stringify(masked);
  for (const raw of [SECRET_PLAIN, btoa(SECRET_PLAIN), SECRET_TOKEN]) {
    equal(text.includes(raw), false, raw);
  }
  const secret = masked[1] as Record<string, Record<string, string>>;
  equal(secret["data"]?.["password"], hashValue(btoa(SECRET_PLAIN)));
  match(String(secret["stringData"]?.["token"]), /^sha256:[0-9a-f]{64}$/);
  deepEqual(masked[0], input[0]);
});

Deno.test("manifestSetHash() ignores key order and sees value changes", () => {
  const [a] = manifestsWithSecret();
  const reordered = JSON.parse(JSON.stringify(a, Object.keys(a ?? {}).reverse()));
  const base = manifestSetHash(maskSecrets(manifestsWithSecret()));
  match(base, /^[0-9a-f]{64}$/);
  equal(manifestSetHash([a!]), manifestSetHash([{ ...reordered, ...a }]));
  const changed = manifestsWithSecret();
  (changed[1] as Record<string, unknown>)["stringData"] = { token: "other-token" };
  notEqual(manifestSetHash(maskSecrets(changed)), base);
});

Deno.test("secretValuesOf() and redactValues() scrub leaked values from free text", () => {
  const values = secretValuesOf(manifestsWithSecret());
  ok(
    values.includes(SECRET_PLAIN) && values.includes(btoa(SECRET_PLAIN)) &&
      values.includes(SECRET_TOKEN),
  );
  const leaked = { message: `Secret "db" is invalid: data[password]: "${SECRET_PLAIN}"`, n: 3 };
  const clean = redactValues(leaked, values);
  equal(clean.message.includes(SECRET_PLAIN), false);
  match(clean.message, /<secret sha256:[0-9a-f]{12}…>/);
  equal(clean.n, 3);
  equal(redactValues("nothing", []), "nothing");
});
