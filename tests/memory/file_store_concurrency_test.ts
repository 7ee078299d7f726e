import { deepEqual, equal, ok } from "node:assert/strict";
import { FileMemoryStore } from "../../src/memory/mod.ts";
import { systemClock } from "../../src/shared/mod.ts";
import { comparable, loadAndReplay, readReported, startRecorder } from "./_subprocess.ts";

Deno.test("FileMemoryStore: 4 processes recording 50 deploys each into one directory lose nothing", async () => {
  const root = await Deno.makeTempDir({ prefix: "nopea-concurrent-" });
  const dir = `${root}/.nopea`;
  try {
    const children = [0, 1, 2, 3].map((w) => startRecorder(dir, 50, `p${w}`));
    const reported = await Promise.all(children.map((c) => readReported(c)));
    for (const c of children) equal((await c.status).code, 0);
    for (const ids of reported) equal(ids.length, 50);
    const { loaded, replayed, ids } = await loadAndReplay(dir);
    equal(ids.length, 200);
    equal(new Set(ids).size, 200);
    deepEqual(new Set(ids), new Set(reported.flat()));
    equal(loaded.occurrences, 200);
    deepEqual(comparable(loaded), comparable(replayed));
    const store = new FileMemoryStore(dir, { clock: systemClock, retention: 3 });
    for (const s of loaded.services.values()) {
      for (const hash of s.manifests) {
        ok(await store.manifests(hash), `manifest set ${hash} of ${s.name} is missing`);
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
