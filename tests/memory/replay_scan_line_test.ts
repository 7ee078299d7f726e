import { equal, ok } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { recordSpan } from "../../src/memory/_replay_bytes.ts";
import { recordText } from "../../src/memory/replay.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const line = (record: DeployRecord, id = "01ABC") =>
  JSON.stringify(buildOccurrence(record, undefined, { id }));

Deno.test("the record's place in a line is where recordText finds it, or the line is left to it", () => {
  const written = line(failedRecord("Timeout"));
  const lines: [string, boolean][] = [
    [written, true],
    [line(buildRecord({ operation: "heal", manifestsHash: "a".repeat(64) })), true],
    [line(buildRecord(), "01Ä-non-ascii"), false],
    [written.replace('"id":"01ABC"', '"id":"01,\\"record\\":{"'), false],
    [written.replace('"source":"nopea"', '"source":"a,"'), true],
    [written.replace('"context":{', '"context":{"x":1,"record":{"a":1},'), true],
    [written.replace('{"id"', '{ "id"'), false],
    [written.slice(0, -1), true],
    [written.slice(0, -2), false],
  ];
  for (const [text, found] of lines) {
    const bytes = encoder.encode(text);
    const span = recordSpan(bytes, 0, bytes.length);
    equal(span !== undefined, found, text);
    if (span === undefined) continue;
    const expected = recordText(text);
    ok(expected, text);
    equal(span.id, expected.id);
    equal(decoder.decode(bytes.subarray(span.start, bytes.length - 2)), expected.json);
  }
});
