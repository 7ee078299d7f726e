import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { fixedClock, isNopeaError, memoryLogger, seqIds } from "../../src/shared/mod.ts";
import {
  createMemory,
  FileMemoryStore,
  type FileMemoryStoreOptions,
} from "../../src/memory/mod.ts";
import {
  buildRecord,
  failedRecord,
  manifestsWithSecret,
  SECRET_PLAIN,
  SECRET_TOKEN,
} from "./_factory.ts";

const clock = fixedClock("2026-01-01T01:00:00Z");

async function tmp() {
  const root = await Deno.makeTempDir({ prefix: "nopea-store-" });
  return {
    dir: `${root}/.nopea`,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

function open(dir: string, options: Partial<FileMemoryStoreOptions> = {}) {
  const log = memoryLogger();
  const store = new FileMemoryStore(dir, { clock, durable: false, log, ...options });
  return {
    store,
    log,
    memory: createMemory(store, {
      clock,
      ids: seqIds(`01F${Math.random().toString(36).slice(2, 6).toUpperCase()}`),
    }),
  };
}

async function recordN(dir: string, n: number, options: Partial<FileMemoryStoreOptions> = {}) {
  const { memory } = open(dir, options);
  for (let i = 0; i < n; i++) await memory.record(i % 2 ? failedRecord("Timeout") : buildRecord());
}

Deno.test("FileMemoryStore loads the snapshot and replays the tail after it", async () => {
  await using t = await tmp();
  const first = open(t.dir);
  for (let i = 0; i < 3; i++) await first.memory.record(buildRecord());
  await first.store.compact();
  const snap = JSON.parse(await Deno.readTextFile(`${t.dir}/graph.json`));
  await recordN(t.dir, 2);
  const size = (await Deno.stat(`${t.dir}/occurrences.ndjson`)).size;
  ok(snap.occurrences.offset > 0 && snap.occurrences.offset < size);
  const again = open(t.dir);
  equal((await again.store.load()).occurrences, 5);
  await Deno.remove(`${t.dir}/graph.json`);
  const rebuilt = open(t.dir);
  equal((await rebuilt.memory.stats()).deploys, 5);
});

Deno.test("FileMemoryStore's graph.json holds each deploy as soon as record() returns", async () => {
  await using t = await tmp();
  const { memory } = open(t.dir);
  for (let i = 1; i <= 4; i++) {
    await memory.record(buildRecord({ service: `svc-${i}` }));
    const snap = JSON.parse(await Deno.readTextFile(`${t.dir}/graph.json`));
    equal(snap.occurrences.count, i);
    equal(snap.occurrences.offset, (await Deno.stat(`${t.dir}/occurrences.ndjson`)).size);
    ok(snap.nodes.some((n: { name: string }) => n.name === `svc-${i}`), `svc-${i} in graph.json`);
    ok(snap.services[`svc-${i}`], `svc-${i} in the services of graph.json`);
  }
  equal(await Deno.stat(`${t.dir}/lock`).then(() => true, () => false), false);
});

Deno.test("FileMemoryStore sets a torn last line aside and keeps working", async () => {
  await using t = await tmp();
  await recordN(t.dir, 2);
  const torn = `{"id":"01TORN","type":"deploy.run.comp`;
  await Deno.writeTextFile(`${t.dir}/occurrences.ndjson`, torn, { append: true });
  const { store, log, memory } = open(t.dir);
  equal((await store.load()).occurrences, 2);
  equal(await Deno.readTextFile(`${t.dir}/occurrences.torn`), `${torn}\n`);
  ok(log.records.some((r) => r.level === "warn" && r.message.includes("torn")));
  await memory.record(buildRecord());
  equal((await open(t.dir).store.load()).occurrences, 3);
  equal((await store.occurrences()).length, 3);
});

Deno.test("FileMemoryStore names the file and line of a corrupt line in the middle", async () => {
  await using t = await tmp();
  await recordN(t.dir, 2);
  const [first, second] = (await Deno.readTextFile(`${t.dir}/occurrences.ndjson`)).split("\n");
  await Deno.writeTextFile(`${t.dir}/occurrences.ndjson`, `${first}\nnot json\n${second}\n`);
  await rejects(
    open(t.dir).store.load(),
    (e) =>
      isNopeaError(e) && e.code === "MEMORY_CORRUPT" && e.message.includes("occurrences.ndjson") &&
      e.message.includes("line 2") && (e.hint ?? "").includes("line 2") &&
      e.details?.["line"] === 2,
  );
});

Deno.test("FileMemoryStore rebuilds from the log when the snapshot is corrupt or does not match", async (t) => {
  const cases = [
    { name: "not JSON", write: () => "{nope" },
    { name: "wrong shape", write: () => JSON.stringify({ version: 2, nodes: 3 }) },
    {
      name: "offset inside a line",
      write: (snap: Record<string, unknown>) =>
        JSON.stringify({ ...snap, occurrences: { offset: 5, lines: 0, count: 0 } }),
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using t = await tmp();
      await recordN(t.dir, 3);
      await open(t.dir).store.compact();
      const snap = JSON.parse(await Deno.readTextFile(`${t.dir}/graph.json`));
      await Deno.writeTextFile(`${t.dir}/graph.json`, c.write(snap));
      const { store, log } = open(t.dir);
      equal((await store.load()).occurrences, 3);
      ok(log.records.some((r) => r.level === "warn" && r.message.startsWith("Rebuilding memory")));
    });
  }
});

Deno.test("FileMemoryStore refuses a newer snapshot version and never overwrites it", async () => {
  await using t = await tmp();
  await recordN(t.dir, 1);
  const newer = JSON.stringify({ version: 99, occurrences: { offset: 0 } });
  await Deno.writeTextFile(`${t.dir}/graph.json`, newer);
  const { store, memory } = open(t.dir);
  await rejects(
    store.load(),
    (e) => isNopeaError(e) && e.code === "MEMORY_VERSION" && e.message.includes("version 99"),
  );
  const log = await Deno.readTextFile(`${t.dir}/occurrences.ndjson`);
  await rejects(
    memory.record(buildRecord()),
    (e) => isNopeaError(e) && e.code === "MEMORY_VERSION",
  );
  equal(await Deno.readTextFile(`${t.dir}/occurrences.ndjson`), log);
  await rejects(store.compact(), (e) => isNopeaError(e) && e.code === "MEMORY_VERSION");
  equal(await Deno.readTextFile(`${t.dir}/graph.json`), newer);
});

Deno.test("FileMemoryStore rebuilds from a log shorter than its snapshot read, and keeps that snapshot aside", async () => {
  await using t = await tmp();
  await recordN(t.dir, 3);
  const snapshot = await Deno.readTextFile(`${t.dir}/graph.json`);
  const [first] = (await Deno.readTextFile(`${t.dir}/occurrences.ndjson`)).split("\n");
  await Deno.writeTextFile(`${t.dir}/occurrences.ndjson`, `${first}\n`);
  const { store, log, memory } = open(t.dir);
  equal((await store.load()).occurrences, 1);
  ok(log.records.some((r) =>
    r.level === "warn" && r.message.startsWith("Rebuilding memory") &&
    r.message.includes("graph.json") && r.message.includes("has read more of it than it holds")
  ));
  await memory.record(buildRecord());
  equal((await open(t.dir).store.load()).occurrences, 2);
  const kept = [];
  for await (const e of Deno.readDir(t.dir)) if (e.name.startsWith("graph.rejected-")) kept.push(e);
  equal(kept.length, 1);
  equal(await Deno.readTextFile(`${t.dir}/${kept[0]?.name}`), snapshot);
});

Deno.test("FileMemoryStore's lock is exclusive, and stale locks are taken over", async (t) => {
  const dead = new Deno.Command("true").spawn();
  await dead.status;
  const now = "2026-01-01T01:00:00.000Z";
  const cases = [
    {
      name: "held by a live process",
      holder: { pid: Deno.pid, host: Deno.hostname(), at: now, token: "x" },
      locked: true,
    },
    {
      name: "held by a dead process",
      holder: { pid: dead.pid, host: Deno.hostname(), at: now, token: "x" },
      locked: false,
    },
    {
      name: "older than 30 s",
      holder: { pid: Deno.pid, host: Deno.hostname(), at: "2026-01-01T00:59:00.000Z", token: "x" },
      locked: false,
    },
    { name: "just created, not yet written", holder: undefined, locked: true },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using t = await tmp();
      await recordN(t.dir, 1);
      await Deno.writeTextFile(`${t.dir}/lock`, c.holder ? JSON.stringify(c.holder) : "");
      const { store } = open(t.dir);
      if (c.locked) {
        await rejects(
          store.compact(),
          (e) => isNopeaError(e) && e.code === "MEMORY_LOCKED" && e.message.includes("lock"),
        );
      } else {
        deepEqual(await store.compact(), {
          nodes: 0,
          relationships: 0,
          manifests: 0,
          occurrences: 0,
          occurrencesKept: 1,
          dryRun: false,
        });
        equal(await Deno.stat(`${t.dir}/lock`).then(() => true, () => false), false);
      }
    });
  }
});

Deno.test("FileMemoryStore keeps the last manifest sets per service on disk", async () => {
  await using t = await tmp();
  const { memory } = open(t.dir, { retention: 2 });
  for (let i = 0; i < 5; i++) {
    const manifests = manifestsWithSecret();
    (manifests[0] as Record<string, unknown>)["spec"] = { replicas: i };
    await memory.record(buildRecord(), { manifests });
  }
  await memory.prune();
  const files = [];
  for await (const e of Deno.readDir(`${t.dir}/manifests`)) files.push(e.name);
  equal(files.length, 2);
});

Deno.test("FileMemoryStore never writes a Secret value under .nopea/", async () => {
  await using t = await tmp();
  const { memory } = open(t.dir);
  for (let i = 0; i < 3; i++) {
    await memory.record(
      failedRecord("Invalid", {
        error: {
          code: "KUBE_INVALID",
          message: `Invalid value: "${SECRET_PLAIN}" and ${btoa(SECRET_PLAIN)}`,
        },
        warnings: [`saw ${SECRET_TOKEN}`],
      }),
      { manifests: manifestsWithSecret() },
    );
  }
  await memory.prune();
  const needles = [SECRET_PLAIN, btoa(SECRET_PLAIN), SECRET_TOKEN];
  let files = 0;
  const walk = async (dir: string): Promise<void> => {
    for await (const e of Deno.readDir(dir)) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else {
        files++;
        const text = await Deno.readTextFile(path);
        for (const n of needles) equal(text.includes(n), false, `${n} found in ${path}`);
      }
    }
  };
  await walk(t.dir);
  ok(files >= 3);
});

Deno.test("FileMemoryStore reports an unusable directory as MEMORY_IO", async () => {
  await using t = await tmp();
  await Deno.mkdir(t.dir.replace(/\/\.nopea$/, ""), { recursive: true });
  await Deno.writeTextFile(t.dir, "a file, not a directory");
  await rejects(
    open(t.dir).memory.record(buildRecord()),
    (e) => isNopeaError(e) && e.code === "MEMORY_IO",
  );
});
