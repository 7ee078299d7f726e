import { deepEqual, equal } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { learnedFields } from "../../src/memory/_learned_fields.ts";
import { BatchWriter } from "../../src/memory/_replay_batch.ts";
import { ReceivedBatch } from "../../src/memory/_replay_batch_read.ts";
import { addScanned } from "../../src/memory/_replay_batch_scan.ts";
import { RecordScan } from "../../src/memory/_replay_scan.ts";
import { recordSpan } from "../../src/memory/_replay_bytes.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

/** Records with every optional field the graph reads, and strings JSON must escape. */
function records(): DeployRecord[] {
  const failed = failedRecord("Timeout", { service: "wéb", images: [] });
  return [
    buildRecord(),
    buildRecord({ images: ["a:1", 'quote"d:2', "back\\slash:3"], dependsOn: ["db", "cache"] }),
    buildRecord({ operation: "heal", resources: [], namespace: "línea\nnueva" }),
    failed,
    failedRecord("CrashLoopBackOff", {
      error: {
        code: "DEPLOY_FAILED",
        message: "pod is in CrashLoopBackOff 🚨",
        errorClass: "CrashLoopBackOff",
        resource: "Deployment.apps/prod/api",
        hint: "not learned",
      },
    }),
    buildRecord({ status: "rolledback", operation: "rollback", images: ["x:1", "x:1"] }),
  ];
}

/** What `learn` reads of a record, as a batch carries it (the error's four fields). */
function expected(record: DeployRecord) {
  const fields = learnedFields(record);
  const e = fields.error;
  if (!e) return fields;
  const error = { code: e.code, message: e.message };
  return {
    ...fields,
    error: {
      ...error,
      ...(e.errorClass === undefined ? {} : { errorClass: e.errorClass }),
      ...(e.resource === undefined ? {} : { resource: e.resource }),
    },
  };
}

Deno.test("a batch carries each entry's id, time and learned fields, and the images ahead", () => {
  const writer = new BatchWriter();
  // Enough entries for several chunks of strings, each parsed apart.
  const all = Array.from({ length: 150 }, records).flat();
  all.forEach((record, i) => {
    writer.add(`01OCC${i}`, 1_000 + i, learnedFields(record));
    writer.add(`01SKIP${i}`, 2_000 + i, 0);
  });
  equal(writer.size, 2 * all.length);
  const seen: unknown[] = [];
  const [batch] = writer.take();
  const received = new ReceivedBatch(batch, (...image) => seen.push(image));
  equal(received.size, 2 * all.length);
  all.forEach((record, i) => {
    deepEqual(received.entry(2 * i), [`01OCC${i}`, expected(record)]);
    equal(received.times[2 * i], 1_000 + i);
    equal(received.entry(2 * i + 1), undefined);
    equal(received.times[2 * i + 1], 2_000 + i);
  });
  const images = all.flatMap((r, i) =>
    r.images.map((image) => [2 * i, image, r.service, r.status])
  );
  deepEqual(seen, images);
  equal(writer.take()[0].times.length, 0, "taken entries are not sent again");
});

Deno.test("a record the scanner vouches for is written as its learned fields are", () => {
  const encoder = new TextEncoder();
  const scan = new RecordScan();
  let scanned = 0;
  for (const [i, record] of records().entries()) {
    const bytes = encoder.encode(JSON.stringify(record));
    const byFields = new BatchWriter();
    byFields.add(`01OCC${i}`, i, learnedFields(record));
    if (!scan.scan(bytes, 0, bytes.length)) continue;
    scanned++;
    const byBytes = new BatchWriter();
    addScanned(byBytes, `01OCC${i}`, i, bytes, scan, record);
    const [a] = byFields.take();
    const [b] = byBytes.take();
    deepEqual(new ReceivedBatch(b, () => {}).entry(0), new ReceivedBatch(a, () => {}).entry(0));
    deepEqual([...b.codes], [...a.codes]);
  }
  equal(scanned > 2, true, `${scanned} records scanned`);
});

Deno.test("an occurrence id copied from its line is written as the id itself would be", () => {
  const encoder = new TextEncoder();
  const scan = new RecordScan();
  const ids = ["01OCC00000000000000000000042", "a/b c~", "rawXcontrol"];
  let copied = 0;
  for (const record of records()) {
    for (const id of ids) {
      const bytes = encoder.encode(JSON.stringify(buildOccurrence(record, undefined, { id })));
      // A hand-edited log: a raw control character, which JSON would have escaped.
      const x = bytes.indexOf(0x58);
      if (id.startsWith("raw")) bytes[x] = 0x01;
      const span = recordSpan(bytes, 0, bytes.length);
      if (!span || !scan.scan(bytes, span.start, bytes.length - 2)) continue;
      copied++;
      const byFields = new BatchWriter();
      byFields.add(span.id, 7, learnedFields(record));
      const byBytes = new BatchWriter();
      addScanned(byBytes, span, 7, bytes, scan, record);
      const [a] = byFields.take();
      const [b] = byBytes.take();
      deepEqual(new ReceivedBatch(b, () => {}).entry(0), new ReceivedBatch(a, () => {}).entry(0));
      deepEqual([...b.strings], [...a.strings], `the strings of ${JSON.stringify(span.id)}`);
    }
  }
  equal(copied >= 6, true, `${copied} ids copied`);
});
