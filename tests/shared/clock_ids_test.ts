import { equal, ok, throws } from "node:assert/strict";
import { fixedClock, rfc3339, seqIds, ulidSource } from "../../src/shared/mod.ts";

Deno.test("fixedClock() moves only when advanced or set", () => {
  const clock = fixedClock("2026-01-01T00:00:00Z");
  const start = clock.now();
  equal(clock.now(), start);
  clock.advance(1500);
  equal(clock.now() - start, 1500);
  clock.set(0);
  equal(clock.now(), 0);
});

Deno.test("fixedClock() rejects an invalid start time", () => {
  throws(() => fixedClock("not a date"), RangeError);
});

Deno.test("rfc3339() drops fractional seconds like the API server", () => {
  equal(rfc3339(Date.parse("2026-03-06T12:00:00.987Z")), "2026-03-06T12:00:00Z");
});

Deno.test("ulidSource() yields sortable ids from the injected clock", () => {
  const clock = fixedClock("2026-01-01T00:00:00Z");
  const ids = ulidSource(clock);
  const a = ids.next();
  const b = ids.next();
  clock.advance(1000);
  const c = ids.next();
  ok(/^[0-9A-HJKMNP-TV-Z]{26}$/.test(a));
  ok(a < b && b < c, "monotonic within and across milliseconds");
});

Deno.test("seqIds() is deterministic", () => {
  const ids = seqIds("01X");
  equal(ids.next(), "01X00000000000000000000001");
  equal(ids.next(), "01X00000000000000000000002");
});
