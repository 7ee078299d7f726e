import { equal, match, notEqual } from "node:assert/strict";
import { createSecretMasker, isMaskedValue } from "../../src/secrets/mod.ts";
import { base64, DISPLAY, HUNTER2_SHA256, STORED, VALUES } from "./_forms.ts";

const masker = createSecretMasker();

Deno.test("the stored form is always sha256: and the 64 hex digits of the value as written", async (t) => {
  for (const value of ["", ...VALUES, base64("hunter2")]) {
    await t.step(JSON.stringify(value.slice(0, 24)), () => {
      const stored = masker.storedForm(value);
      match(stored, STORED);
      equal(masker.storedForm(value), stored, "the same value gives the same form");
      equal(stored.includes(value) && value.length > 0, false);
    });
  }
  await t.step("the value as written: a base64 value is hashed as its text", () => {
    equal(masker.storedForm("hunter2"), `sha256:${HUNTER2_SHA256}`);
    notEqual(masker.storedForm(base64("hunter2")), masker.storedForm("hunter2"));
  });
});

Deno.test("the display form is always <secret sha256:…> with 8 hex digits and never shows the value", async (t) => {
  const cases: { name: string; value: unknown; encoding?: "base64" | "text" }[] = [
    ...VALUES.map((value) => ({ name: `text ${JSON.stringify(value.slice(0, 24))}`, value })),
    ...VALUES.map((value) => ({
      name: `base64 ${JSON.stringify(value.slice(0, 24))}`,
      value: base64(value),
      encoding: "base64" as const,
    })),
    { name: "a base64 field value that is not base64", value: "not base64!", encoding: "base64" },
    { name: "the empty string", value: "" },
    { name: "a number", value: 5432 },
    { name: "an object", value: { nested: "hunter2" } },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const shown = masker.displayForm(c.value, c.encoding);
      match(shown, DISPLAY);
      const raw = typeof c.value === "string" ? c.value : JSON.stringify(c.value);
      if (raw.length > 0) {
        equal(shown.includes(raw), false, "the value");
        equal(shown.includes(base64(raw)), false, "its base64");
      }
    });
  }
});

Deno.test("the display form is the same for a value given as data or as stringData", () => {
  for (const value of VALUES) {
    equal(masker.displayForm(base64(value), "base64"), masker.displayForm(value, "text"));
    equal(masker.displayForm(value), masker.displayForm(value, "text"), "text is the default");
  }
  notEqual(masker.displayForm("hunter2"), masker.displayForm("hunter3"));
  // sha256sum of the value confirms a guess.
  equal(masker.displayForm("hunter2"), `<secret sha256:${HUNTER2_SHA256.slice(0, 8)}…>`);
});

Deno.test("isMaskedValue() recognises stored forms and rejects everything else", async (t) => {
  const hex = "0123456789abcdef".repeat(4);
  const cases: [string, unknown, boolean][] = [
    ["a stored form", masker.storedForm("hunter2"), true],
    ["the stored form of the empty string", masker.storedForm(""), true],
    ["64 hex digits after sha256:", `sha256:${hex}`, true],
    ["an ordinary string", "hunter2", false],
    ["the empty string", "", false],
    ["a base64 value", base64("hunter2"), false],
    ["the display form", masker.displayForm("hunter2"), false],
    ["a bare hex digest", hex, false],
    ["an image digest", `nginx@sha256:${hex}`, false],
    ["63 hex digits", `sha256:${hex.slice(1)}`, false],
    ["65 hex digits", `sha256:${hex}0`, false],
    ["upper-case hex", `sha256:${hex.toUpperCase()}`, false],
    ["another algorithm", `sha512:${hex}`, false],
    ["a trailing newline", `sha256:${hex}\n`, false],
    ["a leading space", ` sha256:${hex}`, false],
    ["a number", 42, false],
    ["null", null, false],
    ["undefined", undefined, false],
    ["an object", { value: `sha256:${hex}` }, false],
  ];
  for (const [name, value, masked] of cases) {
    await t.step(name, () => equal(isMaskedValue(value), masked));
  }
});
