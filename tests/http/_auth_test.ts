import { equal } from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha2.js";
import { matchesKey } from "../../src/http/_auth.ts";

Deno.test("matchesKey() compares a key with a stored SHA-256", async (t) => {
  const expected = sha256(new TextEncoder().encode("correct horse"));
  const cases = [
    { name: "the same key matches", given: "correct horse", matches: true },
    { name: "a different key of the same length does not", given: "correct horsf", matches: false },
    { name: "a prefix does not", given: "correct", matches: false },
    { name: "a longer key does not", given: "correct horse battery", matches: false },
    { name: "an empty key does not", given: "", matches: false },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(matchesKey(c.given, expected), c.matches));
  }
});
