import { deepEqual, equal } from "node:assert/strict";
import {
  clearPromote,
  promoteRollout,
  restartRollout,
  rolloutViewOf,
} from "../../src/progressive/mod.ts";
import { canary, rollout, WEB, withRollout } from "./_rollouts.ts";

const PROMOTE = { metadata: { annotations: { "kulta.io/promote": "true" } } };

Deno.test("promoteRollout() moves a paused canary on and removes the annotation it set", async () => {
  await using deps = await withRollout(
    rollout(canary([{ setWeight: 20, pause: {} }, { setWeight: 100 }])),
  );
  const outcome = await promoteRollout(deps.cluster, WEB, {
    clock: deps.clock,
    sleep: deps.sleep,
    pollMs: 10_000,
    maxMs: 60_000,
  });
  deepEqual([outcome.stop, outcome.view?.phase, outcome.view?.weight], [
    "matched",
    "Completed",
    100,
  ]);
  equal((await deps.cluster.get(WEB))?.metadata.annotations?.["kulta.io/promote"], undefined);
});

Deno.test("promoteRollout() removes the annotation even when KULTA does not move in time", async () => {
  // Pods that never become ready keep KULTA from moving.
  await using deps = await withRollout(rollout(canary([{ setWeight: 50 }])), {
    readyDelayMs: 3_600_000,
  });
  const outcome = await promoteRollout(deps.cluster, WEB, {
    clock: deps.clock,
    sleep: deps.sleep,
    pollMs: 10_000,
    maxMs: 5000,
  });
  deepEqual([outcome.stop, outcome.elapsedMs, outcome.view?.phase], [
    "timeout",
    5000,
    "Progressing",
  ]);
  equal((await deps.cluster.get(WEB))?.metadata.annotations?.["kulta.io/promote"], undefined);
});

Deno.test("clearPromote() removes a stale annotation and reports whether there was one", async () => {
  await using deps = await withRollout(rollout(canary([{ setWeight: 100 }])));
  equal(await clearPromote(deps.cluster, WEB), false);
  await deps.cluster.patch(WEB, PROMOTE);
  equal(await clearPromote(deps.cluster, WEB), true);
  equal((await deps.cluster.get(WEB))?.metadata.annotations?.["kulta.io/promote"], undefined);
});

Deno.test("restartRollout() makes KULTA start a completed canary over", async () => {
  await using deps = await withRollout(rollout(canary([{ setWeight: 50 }, { setWeight: 100 }])));
  deps.advance(1000);
  equal(rolloutViewOf((await deps.cluster.get(WEB))!).phase, "Completed");
  await restartRollout(deps.cluster, WEB);
  const view = rolloutViewOf((await deps.cluster.get(WEB))!);
  deepEqual([view.phase, view.step, view.weight], ["Progressing", 0, 50]);
});
