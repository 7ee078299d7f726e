import { deepEqual, equal } from "node:assert/strict";
import { scan, scanBytes } from "../../src/memory/_fs_lines.ts";
import { seeded } from "./_replay_scan_oracle.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A line as compared: its length and its ends (the long line would make the comparison slow). */
const seen = (line: string) => `${line.length}:${line.slice(0, 9)}…${line.slice(-3)}`;

/** Lines of seeded lengths (blank, non-ASCII, one longer than a read), a tail after the last. */
function logText(): string {
  const random = seeded(3);
  const lines: string[] = [];
  for (let i = 0, total = 0; total < 5_000_000; i++) {
    const length = i === 40 ? 3_000_000 : Math.floor(random() * 4000);
    lines.push(i % 9 === 0 ? "" : `${i}:${(i % 5 === 0 ? "é" : "x").repeat(length)}`);
    total += (lines.at(-1) as string).length + 1;
  }
  return lines.join("\n");
}

Deno.test("reading a log in chunks gives every line with its number and byte offset, lines across chunks too", async () => {
  const text = logText();
  const bytes = encoder.encode(text);
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeFile(path, bytes);
    const expected: [string, number, number][] = [];
    let at = 0;
    text.split("\n").slice(0, -1).forEach((line, i) => {
      expected.push([seen(line), i + 1, at]);
      at += encoder.encode(line).length + 1;
    });
    using file = await Deno.open(path);
    const fromBytes: [string, number, number][] = [];
    const start = { offset: 0, lines: 0 };
    const end = await scanBytes(file, start, bytes.length, (buf, from, to, n, offset) => {
      fromBytes.push([seen(decoder.decode(buf.subarray(from, to))), n, offset]);
    });
    deepEqual(fromBytes, expected);
    deepEqual(end, { offset: at, lines: expected.length, tail: bytes.length - at });
    const fromText: [string, number, number][] = [];
    const textEnd = await scan(file, start, bytes.length, (line, n, offset, next) => {
      fromText.push([seen(line), n, offset]);
      equal(next, offset + encoder.encode(line).length + 1);
    });
    deepEqual(fromText, expected.filter(([line]) => line !== seen("")));
    deepEqual(textEnd, end);
  } finally {
    await Deno.remove(path);
  }
});
