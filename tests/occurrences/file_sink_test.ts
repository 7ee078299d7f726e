import { deepEqual, equal, ok } from "node:assert/strict";
import { buildOccurrence, FileOccurrenceSink } from "../../src/occurrences/mod.ts";
import { memoryLogger } from "../../src/shared/mod.ts";
import { buildRecord } from "../memory/_factory.ts";

async function tmp() {
  const dir = await Deno.makeTempDir({ prefix: "nopea-sink-" });
  return {
    path: `${dir}/occurrences.ndjson`,
    dir,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

const occ = (id: string) => buildOccurrence(buildRecord(), undefined, { id });

Deno.test("FileOccurrenceSink appends one JSON line per occurrence", async () => {
  await using t = await tmp();
  const sink = new FileOccurrenceSink(t.path, { durable: false });
  await sink.append(occ("01A"));
  await sink.append(occ("01B"));
  const lines = (await Deno.readTextFile(t.path)).split("\n");
  equal(lines.length, 3);
  equal(lines[2], "");
  deepEqual(lines.slice(0, 2).map((l) => JSON.parse(l).id), ["01A", "01B"]);
});

Deno.test("FileOccurrenceSink moves a torn last line aside before appending", async (t) => {
  const cases = [
    {
      name: "a torn line after complete ones",
      before: `{"id":"01A"}\n{"id":"01TO`,
      kept: `{"id":"01A"}\n`,
      torn: `{"id":"01TO`,
    },
    { name: "a file that is one torn line", before: `{"id":"01T`, kept: "", torn: `{"id":"01T` },
    { name: "nothing torn", before: `{"id":"01A"}\n`, kept: `{"id":"01A"}\n`, torn: undefined },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using t = await tmp();
      await Deno.writeTextFile(t.path, c.before);
      const log = memoryLogger();
      await new FileOccurrenceSink(t.path, { log }).append(occ("01NEW"));
      const text = await Deno.readTextFile(t.path);
      ok(text.startsWith(c.kept));
      equal(JSON.parse(text.slice(c.kept.length)).id, "01NEW");
      const torn = await Deno.readTextFile(`${t.dir}/occurrences.torn`).catch(() => undefined);
      equal(torn, c.torn === undefined ? undefined : `${c.torn}\n`);
      equal(log.records.length, c.torn === undefined ? 0 : 1);
    });
  }
});

Deno.test("FileOccurrenceSink.setAsideTornTail() reports the bytes it moved", async () => {
  await using t = await tmp();
  const sink = new FileOccurrenceSink(t.path);
  equal(await sink.setAsideTornTail(), 0);
  await Deno.writeTextFile(t.path, `{"id":"01A"}\nxyz`);
  equal(await sink.setAsideTornTail(), 3);
  equal(await Deno.readTextFile(t.path), `{"id":"01A"}\n`);
});

Deno.test("FileOccurrenceSink.exclusive() keeps appends out while it runs", async () => {
  await using t = await tmp();
  const sink = new FileOccurrenceSink(t.path, { durable: false });
  const order: string[] = [];
  let appending: Promise<void> | undefined;
  await sink.exclusive(async () => {
    appending = sink.append(occ("01A")).then(() => {
      order.push("appended");
    });
    for (let i = 0; i < 5; i++) equal(await Deno.readTextFile(t.path), "");
    order.push("unlocking");
  });
  await appending;
  deepEqual(order, ["unlocking", "appended"]);
  equal(JSON.parse(await Deno.readTextFile(t.path)).id, "01A");
});
