import { deepEqual, equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import { buildRecord } from "../memory/_factory.ts";

const DAY = 86_400_000;

/** A working directory whose memory holds 60 daily deploys of "api". */
async function world() {
  const cwd = await Deno.makeTempDir({ prefix: "nopea-prune-" });
  const dir = `${cwd}/.nopea`;
  const clock = fixedClock("2026-03-01T00:00:00Z");
  const memory = createMemory(new FileMemoryStore(dir, { clock, durable: false }), {
    clock,
    ids: seqIds("01PRUNE"),
  });
  for (let day = 0; day < 60; day++) {
    const finishedAt = new Date(Date.parse("2026-01-01T00:00:00Z") + day * DAY).toISOString();
    await memory.record(buildRecord({ finishedAt }));
  }
  return {
    dir,
    async run(args: string[]) {
      const io = bufferedIo({ cwd, env: { NOPEA_MEMORY_DIR: dir, KUBECONFIG: `${cwd}/none` } });
      return { code: await runCli(args, io), out: io.out(), err: io.err() };
    },
    files: async () => [
      await Deno.readTextFile(`${dir}/occurrences.ndjson`),
      await Deno.readTextFile(`${dir}/graph.json`),
    ],
    [Symbol.asyncDispose]: () => Deno.remove(cwd, { recursive: true }),
  };
}

Deno.test("nopea memory prune --dry-run shows what would go and changes nothing", async () => {
  await using w = await world();
  const before = await w.files();
  const json = await w.run(["memory", "prune", "--dry-run", "-o", "json"]);
  equal(json.code, 0, json.err);
  deepEqual(JSON.parse(json.out), {
    nodes: 0,
    relationships: 0,
    manifests: 0,
    occurrences: 10,
    occurrencesKept: 50,
    dryRun: true,
  });
  const text = await w.run(["memory", "prune", "--dry-run", "--keep-days", "100"]);
  equal(text.code, 0, text.err);
  match(
    text.out,
    /^Would drop 0 occurrences \(60 kept\), 0 manifest sets, 0 graph nodes and 0 relationships; nothing was changed/,
  );
  deepEqual(await w.files(), before);
});

Deno.test("nopea memory prune drops old occurrences, reports counts and keeps what memory learned", async () => {
  await using w = await world();
  const pruned = await w.run(["memory", "prune", "-o", "json"]);
  equal(pruned.code, 0, pruned.err);
  const report = JSON.parse(pruned.out);
  deepEqual([report.occurrences, report.occurrencesKept, report.dryRun], [10, 50, false]);
  const text = await w.run(["memory", "prune"]);
  match(text.out, /^Dropped 0 occurrences \(50 kept\)/);
  const stats = await w.run(["memory", "stats", "-o", "json"]);
  equal(JSON.parse(stats.out).occurrences, 60);
  equal(JSON.parse(stats.out).deploys, 60);
  const exported = await w.run(["memory", "export"]);
  equal(JSON.parse(exported.out).occurrences.length, 50);
});

Deno.test("nopea memory prune refuses a retention that is not a number (exit 2)", async (t) => {
  const cases = [
    ["--keep-per-service", "0"],
    ["--keep-per-service", "many"],
    ["--keep-days", "-1"],
  ];
  await using w = await world();
  for (const flag of cases) {
    await t.step(flag.join(" "), async () => {
      const r = await w.run(["memory", "prune", ...flag]);
      equal(r.code, 2, r.out + r.err);
      match(r.err, /SPEC_INVALID/);
    });
  }
});

Deno.test("a broken memory store exits 3 with MEMORY_CORRUPT naming file and line, no stack trace", async () => {
  await using w = await world();
  const [log] = await w.files();
  const lines = (log ?? "").split("\n");
  lines.splice(3, 1, "{ not json");
  await Deno.writeTextFile(`${w.dir}/occurrences.ndjson`, lines.join("\n"));
  await Deno.remove(`${w.dir}/graph.json`);
  const r = await w.run(["memory", "stats"]);
  equal(r.code, 3, r.out + r.err);
  match(r.err, /MEMORY_CORRUPT/);
  match(r.err, /occurrences\.ndjson": line 4 is not valid JSON/);
  match(r.err, /nopea memory import/);
  equal(/\n\s+at /.test(r.err), false, r.err);
});
