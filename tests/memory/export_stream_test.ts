/** `exportTo` writes the export document one occurrence at a time. */
import { deepEqual, ok } from "node:assert/strict";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { fixedClock, seqIds } from "../../src/testing/mod.ts";
import { buildRecord } from "./_factory.ts";

Deno.test("exportTo streams the same document export returns, one occurrence per chunk", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-export-" });
  try {
    const clock = fixedClock("2026-01-02T00:00:00Z");
    const memory = createMemory(new FileMemoryStore(dir, { clock }), { clock, ids: seqIds() });
    for (let i = 0; i < 5; i++) await memory.record(buildRecord());
    const chunks: string[] = [];
    await memory.exportTo((chunk) => chunks.push(chunk));
    ok(chunks.length >= 7, `${chunks.length} chunks: a head, 5 occurrences, a tail`);
    deepEqual(JSON.parse(chunks.join("")), await memory.export());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
