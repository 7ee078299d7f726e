import { equal, notEqual } from "node:assert/strict";
import { asciiText, Interner, isoTime, utf8Text } from "../../src/memory/_replay_scan_text.ts";
import { seeded } from "./_replay_scan_oracle.ts";

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(`"${text}"`);

Deno.test("a timestamp's time read from its digits is Date.parse's, and Date.parse decides the rest", () => {
  const times = [
    "2026-01-01T00:00:00.000Z",
    "1970-01-01T00:00:00.000Z",
    "2024-02-29T23:59:59.999Z",
    "2026-02-29T00:00:00.000Z",
    "2026-02-30T00:00:00.000Z",
    "2026-04-31T12:00:00.000Z",
    "2026-01-01T24:00:00.000Z",
    "2026-01-01T23:59:60.000Z",
    "2026-13-01T00:00:00.000Z",
    "2026-00-10T00:00:00.000Z",
    "2026-01-00T00:00:00.000Z",
    "0050-01-01T00:00:00.000Z",
    "1969-12-31T23:59:59.999Z",
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00.000+01:00",
    "2026-01-01 00:00:00.000Z",
    "2026-0a-01T00:00:00.000Z",
    "not a time at all, 24 b",
    "",
  ];
  const random = seeded(7);
  for (let n = 0; n < 2000; n++) {
    times.push(new Date(Math.floor(random() * 4_102_444_800_000)).toISOString());
  }
  for (const text of times) {
    const bytes = bytesOf(text);
    const time = isoTime(bytes, 1, bytes.length - 1);
    if (Number.isNaN(Date.parse(text))) equal(time, Number.NaN, text);
    else equal(time, Date.parse(text), text);
  }
});

Deno.test("ASCII text and repeated names read from bytes are the strings written", () => {
  for (const text of ["", "a", "svc-7", "x".repeat(600), "01BENCH0000000000000000001"]) {
    const bytes = bytesOf(text);
    equal(asciiText(bytes, 1, bytes.length - 1), text);
  }
  for (
    const text of ["", "ascii only", "naïve — ✓ 😀", "\ufeffa BOM kept", "x".repeat(700) + "é"]
  ) {
    const bytes = bytesOf(text);
    equal(utf8Text(bytes, 1, bytes.length - 1), text);
  }
  const names = new Interner();
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    const name = `svc-${i % 5_000}`;
    const bytes = bytesOf(name);
    const read = names.get(bytes, 1, bytes.length - 1);
    equal(read, name);
    seen.add(read);
  }
  equal(seen.size, 5_000);
  notEqual(names.get(bytesOf("svc-1"), 1, 6), names.get(bytesOf("svc-2"), 1, 6));
});
