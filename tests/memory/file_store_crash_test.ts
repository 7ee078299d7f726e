import { deepEqual, equal, ok } from "node:assert/strict";
import { comparable, loadAndReplay, readReported, startRecorder } from "./_subprocess.ts";
import { SECRET_PLAIN } from "./_factory.ts";

Deno.test("FileMemoryStore keeps every reported deploy when its writer is SIGKILLed 50 times", async () => {
  const root = await Deno.makeTempDir({ prefix: "nopea-crash-" });
  const dir = `${root}/.nopea`;
  try {
    const reported: string[] = [];
    for (let round = 0; round < 50; round++) {
      const child = startRecorder(dir, 1000, `k${round}`);
      const killAfter = 1 + Math.floor(Math.random() * 5);
      let killed = false;
      const ids = await readReported(child, (n) => {
        if (n >= killAfter && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      });
      const status = await child.status;
      equal(status.signal, "SIGKILL", `round ${round} ended without being killed`);
      reported.push(...ids);
      const { loaded, ids: logged } = await loadAndReplay(dir);
      const present = new Set(logged);
      for (const id of reported) {
        ok(present.has(id), `round ${round}: reported deploy ${id} is missing`);
      }
      equal(loaded.occurrences, logged.length);
      equal(present.size, logged.length, `round ${round}: a deploy was logged twice`);
    }
    const { loaded, replayed } = await loadAndReplay(dir);
    deepEqual(comparable(loaded), comparable(replayed));
    const log = await Deno.readTextFile(`${dir}/occurrences.ndjson`);
    equal(log.includes(SECRET_PLAIN), false);
    ok(log.endsWith("\n"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
