import { deepEqual } from "node:assert/strict";
import { readJsonLines } from "../../src/kube/_json_lines.ts";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

Deno.test("readJsonLines() parses lines split across chunks and skips junk", async () => {
  const seen: unknown[] = [];
  await readJsonLines(streamOf(['{"a":', '1}\n\n{"b"', ':2}\nnot json\n{"c":3}']), (v) => {
    seen.push(v);
  });
  deepEqual(seen, [{ a: 1 }, { b: 2 }, { c: 3 }]);
});

Deno.test("readJsonLines() stops and cancels the stream when told to", async () => {
  const seen: unknown[] = [];
  let cancelled = false;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('{"n":1}\n{"n":2}\n'));
    },
    cancel() {
      cancelled = true;
    },
  });
  await readJsonLines(stream, (v) => {
    seen.push(v);
    return false;
  });
  deepEqual(seen, [{ n: 1 }]);
  deepEqual(cancelled, true);
});
