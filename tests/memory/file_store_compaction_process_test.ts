import { deepEqual, equal, ok } from "node:assert/strict";
import { FileMemoryStore } from "../../src/memory/mod.ts";
import { systemClock } from "../../src/shared/mod.ts";
import { comparable, loadAndRebuild, readReported, startRecorder } from "./_subprocess.ts";

const COMPACTING = { compactEvery: 6, keepPerService: 2, historyLimit: 3 };

Deno.test("FileMemoryStore: 4 processes recording while they compact one directory lose nothing", async () => {
  const root = await Deno.makeTempDir({ prefix: "nopea-compacting-" });
  const dir = `${root}/.nopea`;
  try {
    const children = [0, 1, 2, 3].map((w) => startRecorder(dir, 40, `c${w}`, COMPACTING));
    const reported = await Promise.all(children.map((c) => readReported(c)));
    for (const c of children) equal((await c.status).code, 0);
    for (const ids of reported) equal(ids.length, 40);
    const { loaded, rebuilt } = await loadAndRebuild(dir, COMPACTING);
    equal(loaded.occurrences, 160);
    deepEqual(comparable(loaded), comparable(rebuilt));
    const lines = (await Deno.readTextFile(`${dir}/occurrences.ndjson`)).trimEnd().split("\n");
    ok(lines.length < 160, `the log was compacted (${lines.length} lines)`);
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

Deno.test("FileMemoryStore keeps every reported deploy when a compacting writer is SIGKILLed 25 times", async () => {
  const root = await Deno.makeTempDir({ prefix: "nopea-compact-crash-" });
  const dir = `${root}/.nopea`;
  try {
    let reported = 0;
    let learned = 0;
    for (let round = 0; round < 25; round++) {
      const child = startRecorder(dir, 1000, `x${round}`, COMPACTING);
      const killAfter = 1 + Math.floor(Math.random() * 8);
      let killed = false;
      const ids = await readReported(child, (n) => {
        if (n >= killAfter && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      });
      equal((await child.status).signal, "SIGKILL", `round ${round} ended without being killed`);
      reported += ids.length;
      const { loaded, rebuilt } = await loadAndRebuild(dir, COMPACTING);
      ok(loaded.occurrences >= reported, `round ${round}: ${loaded.occurrences} < ${reported}`);
      ok(loaded.occurrences >= learned, `round ${round}: memory forgot deploys`);
      ok(
        loaded.occurrences <= reported + round + 1,
        `round ${round}: more deploys learned than were recorded`,
      );
      deepEqual(comparable(loaded), comparable(rebuilt), `round ${round}`);
      learned = loaded.occurrences;
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
