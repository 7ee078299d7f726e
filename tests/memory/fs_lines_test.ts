import { equal } from "node:assert/strict";
import { newlineFrom } from "../../src/memory/_fs_lines.ts";

/** A seeded generator of bytes, one in `oneIn` a newline, some of them 0x0a-like (0x0b, 0x8a, 0x09). */
function bytes(n: number, oneIn: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const r = x >>> 8;
    out[i] = r % oneIn === 0 ? 0x0a : [0x0b, 0x8a, 0x09, 0x7d, 0x22, 0xe2][r % 6] as number;
  }
  return out;
}

Deno.test("the word-at-a-time newline search finds what indexOf finds, from every position", () => {
  const sizes: [number, number][] = [[0, 3], [1, 1], [7, 2], [61, 5], [257, 40], [1031, 400]];
  for (const [n, oneIn] of sizes) {
    for (const shift of [0, 4, 8]) {
      const backing = new Uint8Array(n + 12);
      const buf = backing.subarray(shift, shift + n);
      buf.set(bytes(n, oneIn, n * 31 + shift));
      const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
      for (let from = 0; from <= n; from++) {
        equal(newlineFrom(buf, words, from), buf.indexOf(0x0a, from), `n ${n} from ${from}`);
      }
    }
  }
});

Deno.test("the newline search sees no newline in bytes whose words only look close to one", () => {
  const buf = new Uint8Array([0x0b, 0x0b, 0x0b, 0x0b, 0x09, 0x09, 0x09, 0x09, 0x8a, 0x0b, 0x0a]);
  const words = new Uint32Array(buf.buffer, 0, buf.length >> 2);
  equal(newlineFrom(buf, words, 0), 10);
  equal(newlineFrom(buf.subarray(0, 8), new Uint32Array(buf.buffer, 0, 2), 0), -1);
});
