import { deepEqual, equal } from "node:assert/strict";
import { buildOccurrence, MemoryOccurrenceSink } from "../../src/occurrences/mod.ts";
import { buildRecord } from "../memory/_factory.ts";

Deno.test("MemoryOccurrenceSink keeps copies in order", async () => {
  const sink = new MemoryOccurrenceSink();
  const a = buildOccurrence(buildRecord(), undefined, { id: "01A" });
  const b = buildOccurrence(buildRecord({ service: "db" }), undefined, { id: "01B" });
  await sink.append(a);
  await sink.append(b);
  a.data.service = "changed";
  deepEqual(sink.occurrences.map((o) => o.id), ["01A", "01B"]);
  equal(sink.occurrences[0]?.data["service"], "api");
});
