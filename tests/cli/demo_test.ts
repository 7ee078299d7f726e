/** The main job a newcomer runs: `nopea demo` must tell the whole story and need no cluster. */
import { equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";

Deno.test("nopea demo deploys, breaks, learns, deploys a canary memory chose, and promotes it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-demo-test-" });
  try {
    const io = bufferedIo({ cwd: dir });
    equal(await runCli(["demo", "--dir", dir], io), 0, io.err());
    const out = io.out();
    match(out, /✓ Deployed service "boutique" to namespace "boutique"/);
    match(out, /✗ Deploy of service "boutique" to namespace "boutique" failed/);
    match(out, /ImagePullBackOff on pod frontend-/);
    match(out, /Recommended strategy: canary, because "boutique" failed with ImagePullBackOff/);
    match(out, /is progressing/);
    match(out, /6\. Promoting it: nopea promote boutique/);
    match(out, /Memory holds 3 deploys of "boutique": completed → failed → completed/);
    const log = await Deno.readTextFile(`${dir}/.nopea/occurrences.ndjson`);
    match(log, /"type":"deploy\.run\.failed"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
