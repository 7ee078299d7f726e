import { equal, ok, rejects } from "node:assert/strict";
import { isNopeaError, memoryLogger } from "../../src/shared/mod.ts";
import { snapshotText } from "../../src/memory/snapshot_text.ts";
import { bothWays, store, tmp } from "./_both_ways.ts";
import { historyLines } from "./_history.ts";
import { imageHistoryLines } from "./_image_history.ts";

Deno.test("a replay with a worker learns exactly the state of the line-by-line replay", async () => {
  await using t = await tmp();
  const [serial, parallel] = await bothWays(t.root, `${historyLines(800).join("\n")}\n`);
  equal(parallel, serial);
  ok(JSON.parse(serial).occurrences.count > 800);
});

Deno.test("a replay with a worker reads a compacted log (checkpoint, covered lines) the same", async () => {
  await using t = await tmp();
  const source = `${t.root}/source`;
  await Deno.mkdir(source);
  await Deno.writeTextFile(`${source}/occurrences.ndjson`, `${historyLines(900).join("\n")}\n`);
  const report = await store(source, Number.POSITIVE_INFINITY).compact({ keepPerService: 20 });
  ok(report.occurrences > 0);
  const compacted = await Deno.readTextFile(`${source}/occurrences.ndjson`);
  ok(compacted.startsWith('{"id":') && compacted.includes("checkpoint"));
  const log = `${compacted}${historyLines(600, 900).join("\n")}\n`;
  const [serial, parallel] = await bothWays(t.root, log);
  equal(parallel, serial);
});

Deno.test("a replay with a worker leaves a torn last line unread, as the line-by-line one", async () => {
  await using t = await tmp();
  const lines = historyLines(300);
  const torn = lines.at(-1)!.slice(0, 80);
  const [serial, parallel] = await bothWays(t.root, `${lines.join("\n")}\n${torn}`);
  equal(parallel, serial);
});

Deno.test("a replay with a worker names the file and line of a corrupt or invalid record", async (t) => {
  const lines = historyLines(400);
  const at = lines.findIndex((line, i) => i >= 250 && line.includes('"record":{'));
  const line = lines[at]!;
  const record = line.indexOf('"record":{');
  const invalid = line.slice(0, record) +
    line.slice(record).replace('"service":"', '"service":7,"x":"');
  const cases = [
    { name: "not JSON", line: '{"id":"01BROKEN", oops', message: /is not valid JSON/ },
    { name: "a record with a bad field", line: invalid, message: /"service"/ },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using dir = await tmp();
      const log = `${[...lines.slice(0, at), c.line, ...lines.slice(at + 1)].join("\n")}\n`;
      for (const bytes of [Number.POSITIVE_INFINITY, 0]) {
        const d = `${dir.root}/${bytes}`;
        await Deno.mkdir(d);
        await Deno.writeTextFile(`${d}/occurrences.ndjson`, log);
        await rejects(store(d, bytes).load(), (e) => {
          ok(isNopeaError(e) && e.code === "MEMORY_CORRUPT", String(e));
          ok(c.message.test(e.message) && e.message.includes(`line ${at + 1}`), e.message);
          ok(e.message.includes(`${d}/occurrences.ndjson`), e.message);
          return true;
        });
      }
    });
  }
});

/** The images a worker's replay left out, from its debug log. */
function imagesNotLearned(log: ReturnType<typeof memoryLogger>): number {
  return log.records.filter((r) => r.message.includes("with a worker"))
    .reduce((n, r) => n + Number(r.fields?.["imagesNotLearned"] ?? 0), 0);
}

/** Loads `log` line by line and with the worker; returns both snapshots and what the worker left out. */
async function longBothWays(root: string, log: string) {
  const out: string[] = [];
  const logger = memoryLogger();
  for (const [name, bytes] of [["serial", Number.POSITIVE_INFINITY], ["parallel", 0]] as const) {
    const dir = `${root}/${name}`;
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${dir}/occurrences.ndjson`, log);
    out.push(snapshotText(await store(dir, bytes, logger).load()));
  }
  return { serial: out[0] as string, parallel: out[1] as string, left: imagesNotLearned(logger) };
}

Deno.test("a worker's replay leaves out images pruned before seen again, and learns the same state", async () => {
  await using t = await tmp();
  const { serial, parallel, left } = await longBothWays(
    t.root,
    `${imageHistoryLines(24_000).join("\n")}\n`,
  );
  equal(parallel, serial);
  ok(left > 10_000, `images left out: ${left}`);
  const nodes = JSON.parse(serial).nodes as { kind: string; name: string }[];
  const images = nodes.filter((n) => n.kind === "image").map((n) => n.name);
  ok(images.includes("registry.example/api:stable") && images.length < 5_000, `${images.length}`);
});

Deno.test("a worker's replay after a checkpoint holding images learns the same state", async () => {
  await using t = await tmp();
  const source = `${t.root}/source`;
  await Deno.mkdir(source);
  const first = `${imageHistoryLines(12_000).join("\n")}\n`;
  await Deno.writeTextFile(`${source}/occurrences.ndjson`, first);
  await store(source, Number.POSITIVE_INFINITY).compact({ keepPerService: 30 });
  const compacted = await Deno.readTextFile(`${source}/occurrences.ndjson`);
  ok(compacted.includes("checkpoint") && compacted.includes("registry.example/base:1"));
  const torn = imageHistoryLines(1, 24_000)[0]!.slice(0, 100);
  const log = `${compacted}${imageHistoryLines(12_000, 12_000).join("\n")}\n${torn}`;
  const { serial, parallel, left } = await longBothWays(t.root, log);
  equal(parallel, serial);
  ok(left > 1_000, `images left out: ${left}`);
});

Deno.test("a worker's replay names the file and line of a corrupt line after images it left out", async () => {
  await using t = await tmp();
  const lines = imageHistoryLines(21_000);
  const at = lines.findIndex((line, i) => i >= 20_500 && line.includes('"record":{'));
  const record = lines[at]!.indexOf('"record":{');
  lines[at] = lines[at]!.slice(0, record) +
    lines[at]!.slice(record).replace('"service":"', '"service":7,"x":"');
  for (const bytes of [Number.POSITIVE_INFINITY, 0]) {
    const dir = `${t.root}/${bytes}`;
    await Deno.mkdir(dir);
    await Deno.writeTextFile(`${dir}/occurrences.ndjson`, `${lines.join("\n")}\n`);
    await rejects(store(dir, bytes).load(), (e) => {
      ok(isNopeaError(e) && e.code === "MEMORY_CORRUPT", String(e));
      ok(e.message.includes(`"${dir}/occurrences.ndjson" line ${at + 1}`), e.message);
      return true;
    });
  }
});
