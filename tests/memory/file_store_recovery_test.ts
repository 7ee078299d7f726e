import { equal, match, ok, rejects } from "node:assert/strict";
import { fixedClock, isNopeaError, memoryLogger, seqIds } from "../../src/shared/mod.ts";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { buildRecord, failedRecord, manifestsWithSecret } from "./_factory.ts";

const clock = fixedClock("2026-01-01T01:00:00Z");
const FIXTURE = new URL("./_fixtures/read_only.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

async function tmp() {
  const root = await Deno.makeTempDir({ prefix: "nopea-recovery-" });
  return {
    dir: `${root}/.nopea`,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

function open(dir: string) {
  const log = memoryLogger();
  const store = new FileMemoryStore(dir, { clock, durable: false, log });
  return { store, log, memory: createMemory(store, { clock, ids: seqIds("01REC") }) };
}

function manifestsNumbered(i: number) {
  const manifests = manifestsWithSecret();
  (manifests[0] as Record<string, unknown>)["spec"] = { replicas: i };
  return manifests;
}

Deno.test("FileMemoryStore skips one unreadable manifest set with a warning, and the next deploy of it repairs it", async () => {
  await using t = await tmp();
  const { memory, log } = open(t.dir);
  const hashes: string[] = [];
  for (let i = 0; i < 2; i++) {
    const occ = await memory.record(buildRecord(), { manifests: manifestsNumbered(i) });
    hashes.push(occ.data.record.manifestsHash ?? "");
  }
  const [broken, fine] = hashes as [string, string];
  await Deno.writeTextFile(`${t.dir}/manifests/${broken}.json`, '[{"kind": "Deploy');
  equal(await memory.manifests(broken), undefined);
  ok(log.records.some((r) =>
    r.level === "warn" && r.message.includes(`manifests/${broken}.json`) &&
    r.message.includes("unreadable") && r.message.includes("rollback")
  ));
  equal((await memory.manifests(fine))?.length, 2);
  equal((await memory.history("api")).length, 2);
  await memory.record(buildRecord(), { manifests: manifestsNumbered(0) });
  equal((await memory.manifests(broken))?.length, 2);
});

Deno.test("FileMemoryStore rebuilds from the log when graph.json is another tool's file, and keeps that file", async () => {
  await using t = await tmp();
  await open(t.dir).memory.record(failedRecord("Timeout"));
  const foreign = JSON.stringify({ nodes: [{ id: "x" }], relationships: [] });
  await Deno.writeTextFile(`${t.dir}/graph.json`, foreign);
  const { memory, log } = open(t.dir);
  equal((await memory.stats()).occurrences, 1);
  ok(
    log.records.some((r) =>
      r.level === "warn" && r.message.includes("graph.json") && r.message.includes("unreadable") &&
      String(r.fields?.["error"]).includes("version")
    ),
  );
  await memory.record(buildRecord());
  const names = [];
  for await (const e of Deno.readDir(t.dir)) names.push(e.name);
  const kept = names.filter((n) => n.startsWith("graph.rejected-"));
  equal(kept.length, 1);
  equal(await Deno.readTextFile(`${t.dir}/${kept[0]}`), foreign);
  equal(JSON.parse(await Deno.readTextFile(`${t.dir}/graph.json`)).occurrences.count, 2);
});

Deno.test("FileMemoryStore reads a store it may not write, torn tail and all, and says it cannot record", async () => {
  await using t = await tmp();
  const { memory } = open(t.dir);
  for (let i = 0; i < 3; i++) await memory.record(buildRecord());
  const torn = `{"id":"01TORN","type":"deploy.run.comp`;
  await Deno.writeTextFile(`${t.dir}/occurrences.ndjson`, torn, { append: true });
  await Deno.remove(`${t.dir}/graph.json`);
  const before = await Deno.readTextFile(`${t.dir}/occurrences.ndjson`);
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["run", `--allow-read=${t.dir}`, "--config", CONFIG, FIXTURE, t.dir],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(child.stderr);
  equal(child.code, 0, err);
  const out = JSON.parse(new TextDecoder().decode(child.stdout));
  equal(out.occurrences, 3);
  equal(out.history, 3);
  match(out.writable, new RegExp(`^MEMORY_IO: Cannot record to memory at ${t.dir}: `));
  match(err, /torn last line/);
  equal(await Deno.readTextFile(`${t.dir}/occurrences.ndjson`), before);
});

Deno.test("checkWritable() names the directory and why memory cannot record there", async () => {
  await using t = await tmp();
  await Deno.mkdir(t.dir.replace(/\/\.nopea$/, ""), { recursive: true });
  await Deno.writeTextFile(t.dir, "a file, not a directory");
  await rejects(
    open(t.dir).memory.checkWritable(),
    (e) =>
      isNopeaError(e) && e.code === "MEMORY_IO" &&
      e.message.startsWith(`Cannot record to memory at ${t.dir}: `) &&
      (e.hint ?? "").includes("Nothing was deployed"),
  );
});
