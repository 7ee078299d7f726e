import { equal } from "node:assert/strict";
import { isoMs } from "../../src/memory/_iso_ms.ts";

Deno.test("isoMs() gives what Date.parse gives, for times toISOString writes and anything else", () => {
  const odd = [
    "2026-02-29T10:00:00.000Z", // no such day this year
    "2024-02-29T23:59:59.999Z",
    "2026-13-01T00:00:00.000Z",
    "2026-00-10T00:00:00.000Z",
    "2026-01-32T00:00:00.000Z",
    "2026-01-01T24:00:00.000Z",
    "2026-01-01T23:60:00.000Z",
    "2026-01-01T23:59:60.000Z",
    "2026-01-01T2x:00:00.000Z",
    "2026-01-01T00:00:00.00xZ",
    "2026-0a-01T00:00:00.000Z",
    "2026-01-01T00:00:00.000z",
    "2026-01-01T00:00:00Z",
    "2026-01-01 00:00:00.000Z",
    "2026-01-01T00:00:00.000+01:00",
    "+002026-01-01T00:00:00.000Z",
    "Thu, 01 Jan 2026 00:00:00 GMT",
    "",
    "not a time",
  ];
  for (const s of odd) equal(isoMs(s), Date.parse(s), JSON.stringify(s));
  // Runs of the same day and days apart, in both directions, across years and leap days.
  let t = Date.parse("1999-12-31T22:00:00.000Z");
  for (let i = 0; i < 20_000; i++) {
    t += (i % 7 === 0 ? -1 : 1) * ((i * 7_919_993) % 90_000_000);
    const s = new Date(t).toISOString();
    equal(isoMs(s), Date.parse(s), s);
    equal(isoMs(odd[i % odd.length] as string), Date.parse(odd[i % odd.length] as string));
  }
});
