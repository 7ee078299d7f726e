import { deepEqual, equal, ok } from "node:assert/strict";
import { parseDeployRecord } from "../../src/deploys/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { headId, recordText } from "../../src/memory/replay.ts";
import { asciiHeadId, recordBytes } from "../../src/memory/_replay_bytes.ts";
import { checkedRecord, surelyCurrent } from "../../src/memory/_replay_check.ts";
import { buildRecord, failedRecord } from "./_factory.ts";
import { bothWays, tmp } from "./_both_ways.ts";
import { historyLines } from "./_history.ts";

const encoder = new TextEncoder();
const line = (id = "01ABC", record = failedRecord("Timeout")) =>
  JSON.stringify(buildOccurrence(record, undefined, { id }));

/** The line inside a buffer with bytes around it, as a chunk holds it. */
function inChunk(text: string): [Uint8Array, number, number] {
  const bytes = encoder.encode(text);
  const buf = new Uint8Array(bytes.length + 8).fill(0x7d);
  buf.set(bytes, 4);
  return [buf, 4, 4 + bytes.length];
}

Deno.test("the byte scan of a line finds what recordText finds, and falls back on mutated heads", () => {
  const written = line();
  const mutations = [
    written,
    line("01Ä-non-ascii"),
    written.replace('"id":"01ABC"', '"id":"01\\"ABC"'),
    written.replace('"id":"01ABC"', '"id":""'),
    written.replace('"protocol_version":"1.0"', '"protocol_version":"1.1"'),
    written.replace('"type":"deploy.run.', '"type":"deploy.ran.'),
    written.replace(/"type":"deploy\.run\.[a-z_]+"/, '"type":"deploy.run."'),
    written.replace(/"type":"deploy\.run\.([a-z_]+)"/, '"type":"deploy.run.$1X"'),
    written.replace('"source":"nopea"', '"source":"no\\\\pea"'),
    written.replace('{"id"', '{ "id"'),
    written.replace(',"record":{', ',"record": {'),
    written.slice(0, -1),
    `${written.slice(0, 60)}\u00e9${written.slice(60)}`,
  ];
  for (const text of mutations) {
    const [buf, from, to] = inChunk(text);
    const quick = asciiHeadId(buf, from, to);
    if (quick !== undefined) equal(quick, headId(text), text.slice(0, 120));
    const found = recordBytes(buf, from, to);
    deepEqual(found && { id: found.id, json: found.json }, recordText(text), text.slice(0, 120));
  }
  equal(asciiHeadId(...inChunk(written)), "01ABC");
  equal(asciiHeadId(...inChunk(line("01Ä-non-ascii"))), undefined);
});

Deno.test("the quick record check vouches only for records parseDeployRecord returns unchanged", () => {
  const good = failedRecord("Timeout") as unknown as Record<string, unknown>;
  const broken: Record<string, unknown>[] = [
    ...[
      "deployId",
      "service",
      "namespace",
      "startedAt",
      "finishedAt",
      "strategy",
      "status",
      "durationMs",
      "driftCount",
      "verified",
      "resources",
      "strategyReasons",
      "images",
      "dependsOn",
      "warnings",
    ].map((field) => ({ ...good, [field]: null })),
    { ...good, finishedAt: "not a time" },
    { ...good, strategy: "yolo" },
    { ...good, error: { message: "no code" } },
    { ...good, trigger: "cron" },
    { ...good, source: { name: "x", repo: "r", branch: "main" } },
    { ...good, source: { name: "x", repo: "r", branch: "main", commit: "c", previous: 1 } },
    { ...good, images: ["a", 1] },
    { ...good, resources: [{ key: "k", kind: "K", name: "n", action: "configured" }] },
    { ...good, resources: [{ ...(good["resources"] as object[])[0], action: "exploded" }] },
  ];
  for (const value of broken) {
    equal(surelyCurrent(value), false, JSON.stringify(value));
    equal(checkedRecord(value), undefined);
  }
  const { driftCount: _, ...legacy } = buildRecord();
  equal(surelyCurrent(legacy), false);
  deepEqual(checkedRecord(legacy), parseDeployRecord(legacy));
  const withGit = buildRecord({
    trigger: "webhook",
    source: { name: "app", repo: "r", branch: "main", commit: "c1", previous: "c0" },
  });
  equal(surelyCurrent(withGit), true);
  equal(checkedRecord(withGit), parseDeployRecord(withGit));
  equal(checkedRecord(good), good);
  equal(checkedRecord([good]), undefined);
});

Deno.test("a replay with a worker reads 0.1 records, git fields and non-ASCII ids as the line-by-line one", async () => {
  await using t = await tmp();
  const lines = historyLines(700).map((line, i) => {
    if (!line.startsWith('{"id":"01HIST') || !line.includes(',"record":{')) return line;
    const occurrence = JSON.parse(line);
    const record = occurrence.data.record;
    if (i % 7 === 1 && record.driftCount === 0) {
      delete record.driftCount; // a Nopea 0.1 record: upgraded on read
      record.drift = 2;
      return JSON.stringify(occurrence);
    }
    if (i % 7 === 2) {
      record.trigger = "webhook";
      record.source = { name: "app", repo: "r", branch: "main", commit: `c${i}` };
      return JSON.stringify(occurrence);
    }
    if (i % 7 === 3) return line.replace('{"id":"01HIST', '{"id":"01HÏST');
    return line;
  });
  const [serial, parallel] = await bothWays(t.root, `${lines.join("\n")}\n`);
  equal(parallel, serial);
  ok(/"driftCount": ?2/.test(serial), "upgraded 0.1 records are in the history");
  ok(serial.includes('"webhook"'), "records with git fields are in the history");
});
