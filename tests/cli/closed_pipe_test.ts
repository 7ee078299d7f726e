/** `nopea … | head`: a reader that goes away ends the output quietly. */
import { deepEqual, equal, throws } from "node:assert/strict";
import { writeAll } from "../../src/cli/real_io.ts";

/** A stream that takes `room` bytes, then fails every write as `fail` says. */
function stream(room: number, fail: () => Error) {
  const written: number[] = [];
  return {
    written,
    writeSync(p: Uint8Array): number {
      if (room <= 0) throw fail();
      const n = Math.min(room, p.length);
      room -= n;
      written.push(n);
      return n;
    },
  };
}

Deno.test("a closed pipe ends the output quietly, and nothing more is written", () => {
  const target = stream(4, () => new Deno.errors.BrokenPipe("Broken pipe (os error 32)"));
  writeAll(target, "0123456789");
  writeAll(target, "more");
  deepEqual(target.written, [4]);
});

Deno.test("other write errors are not swallowed", () => {
  const target = stream(0, () => new Deno.errors.PermissionDenied("denied"));
  throws(() => writeAll(target, "x"), Deno.errors.PermissionDenied);
  equal(target.written.length, 0);
});
