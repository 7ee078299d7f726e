import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { fixedClock, isNopeaError, memoryLogger } from "../../src/shared/mod.ts";
import { FileMemoryStore, type FileMemoryStoreOptions } from "../../src/memory/mod.ts";
import { buildOccurrence, type DeployOccurrence } from "../../src/occurrences/mod.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";
import { comparable } from "./_subprocess.ts";

const clock = fixedClock("2026-01-01T01:00:00Z");
let seq = 0;

async function tmp() {
  const root = await Deno.makeTempDir({ prefix: "nopea-compact-" });
  return {
    dir: `${root}/.nopea`,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

function store(dir: string, options: Partial<FileMemoryStoreOptions> = {}) {
  return new FileMemoryStore(dir, { clock, durable: false, log: memoryLogger(), ...options });
}

function occurrence(service: string, hour: number): DeployOccurrence {
  const at = { service, finishedAt: hoursAfter(hour) };
  const record = hour % 5 === 4 ? failedRecord("CrashLoopBackOff", at) : buildRecord(at);
  return buildOccurrence(record, undefined, { id: `01FSC${String(++seq).padStart(21, "0")}` });
}

async function record(s: FileMemoryStore, services: string[], hours: number, from = 0) {
  for (let h = from; h < from + hours; h++) {
    for (const service of services) await s.record(occurrence(service, h));
  }
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile) out[e.name] = await Deno.readTextFile(`${dir}/${e.name}`);
  }
  return out;
}

Deno.test("FileMemoryStore's compaction leaves a log that alone rebuilds everything memory learned", async () => {
  await using t = await tmp();
  const s = store(t.dir, { historyLimit: 4 });
  await record(s, ["api", "web"], 30);
  const before = comparable(await s.load());
  const report = await s.compact({ keepPerService: 6 });
  deepEqual([report.occurrences, report.occurrencesKept], [48, 12]);
  const lines = (await Deno.readTextFile(s.logPath)).trimEnd().split("\n");
  equal(lines.length, 13);
  equal(JSON.parse(lines[0] ?? "").type, "nopea.memory.checkpoint");
  equal((await s.occurrences()).length, 12);
  deepEqual(comparable(await store(t.dir).load()), before);
  await Deno.remove(s.snapshotPath);
  const rebuilt = store(t.dir, { historyLimit: 4 });
  deepEqual(comparable(await rebuilt.load()), before);
  equal((await rebuilt.load()).occurrences, 60);
  await record(rebuilt, ["api"], 2, 30);
  equal((await store(t.dir).load()).occurrences, 62);
});

Deno.test("FileMemoryStore: a store that keeps recording while another one compacts loses nothing", async () => {
  await using t = await tmp();
  const writer = store(t.dir, { historyLimit: 3 });
  const compactor = store(t.dir, { historyLimit: 3 });
  await record(writer, ["api", "db"], 10);
  const pending = Promise.all([
    record(writer, ["api", "db"], 10, 10),
    compactor.compact({ keepPerService: 2 }),
    record(writer, ["web"], 5, 20),
    compactor.compact({ keepPerService: 2 }),
  ]);
  await pending;
  const loaded = await writer.load();
  equal(loaded.occurrences, 45);
  deepEqual(comparable(loaded), comparable(await compactor.load()));
  const snapshot = JSON.parse(await Deno.readTextFile(writer.snapshotPath));
  equal(snapshot.occurrences.count, 45);
  equal(snapshot.occurrences.offset, (await Deno.stat(writer.logPath)).size);
});

Deno.test("FileMemoryStore compacts by itself every compactEvery lines", async () => {
  await using t = await tmp();
  const s = store(t.dir, { compactEvery: 10, keepPerService: 2, historyLimit: 2 });
  await record(s, ["api"], 25);
  const lines = (await Deno.readTextFile(s.logPath)).trimEnd().split("\n").length;
  ok(lines < 12, `${lines} lines left`);
  equal((await store(t.dir).load()).occurrences, 25);
});

Deno.test("FileMemoryStore's dry run changes no byte and needs no lock", async () => {
  await using t = await tmp();
  const s = store(t.dir, { historyLimit: 2 });
  await record(s, ["api"], 12);
  const before = await files(t.dir);
  await Deno.writeTextFile(
    `${t.dir}/lock`,
    JSON.stringify({
      pid: Deno.pid,
      host: Deno.hostname(),
      at: "2026-01-01T01:00:00.000Z",
      token: "x",
    }),
  );
  const report = await store(t.dir).compact({ dryRun: true, keepPerService: 3 });
  deepEqual([report.occurrences, report.dryRun], [9, true]);
  await Deno.remove(`${t.dir}/lock`);
  deepEqual(await files(t.dir), before);
});

Deno.test("FileMemoryStore refuses a checkpoint that is not the first line of the log", async () => {
  await using t = await tmp();
  const s = store(t.dir, { historyLimit: 2 });
  await record(s, ["api"], 6);
  await s.compact({ keepPerService: 1 });
  const [checkpoint, ...rest] = (await Deno.readTextFile(s.logPath)).trimEnd().split("\n");
  await Deno.writeTextFile(s.logPath, [...rest, checkpoint, ""].join("\n"));
  await Deno.remove(s.snapshotPath);
  await rejects(
    store(t.dir).load(),
    (e) =>
      isNopeaError(e) && e.code === "MEMORY_CORRUPT" && e.message.includes("occurrences.ndjson") &&
      e.message.includes("line 3") && e.message.includes("checkpoint") &&
      (e.hint ?? "").includes("nopea memory import"),
  );
});
