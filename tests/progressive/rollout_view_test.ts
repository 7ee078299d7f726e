import { deepEqual, equal } from "node:assert/strict";
import { describeRollout, rolloutViewOf } from "../../src/progressive/mod.ts";
import { canary, rollout } from "./_rollouts.ts";

const PAUSED_AT = "2026-01-01T00:00:00+00:00";

Deno.test("rolloutViewOf() tells when a Rollout waits for promotion", async (t) => {
  const steps = [{ setWeight: 10, pause: {} }, { setWeight: 50, pause: { duration: "5m" } }, {
    setWeight: 100,
  }];
  const cases = [
    { name: "no status yet", status: undefined, phase: "Initializing", waiting: false },
    {
      name: "paused at pause: {}",
      status: { phase: "Progressing", currentStepIndex: 0, pauseStartTime: PAUSED_AT },
      phase: "Progressing",
      waiting: true,
    },
    {
      name: "paused for a duration",
      status: { phase: "Progressing", currentStepIndex: 1, pauseStartTime: PAUSED_AT },
      phase: "Progressing",
      waiting: false,
    },
    {
      name: "pause step without pauseStartTime",
      status: { phase: "Progressing", currentStepIndex: 0 },
      phase: "Progressing",
      waiting: false,
    },
    { name: "Preview", status: { phase: "Preview" }, phase: "Preview", waiting: true },
    { name: "Concluded", status: { phase: "Concluded" }, phase: "Concluded", waiting: true },
    { name: "Completed", status: { phase: "Completed" }, phase: "Completed", waiting: false },
    { name: "Failed", status: { phase: "Failed" }, phase: "Failed", waiting: false },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const obj = { ...rollout(canary(steps)), ...(c.status ? { status: c.status } : {}) };
      const view = rolloutViewOf(obj);
      deepEqual([view.phase, view.awaitingPromotion, view.steps], [c.phase, c.waiting, 3]);
    });
  }
});

Deno.test("rolloutViewOf() reads step, weight, message and the promote annotation", () => {
  const obj = {
    ...rollout(canary([{ setWeight: 25 }, { setWeight: 100 }])),
    status: { phase: "Progressing", currentStepIndex: 0, currentWeight: 25, message: "step 0" },
  };
  obj.metadata.annotations = { "kulta.io/promote": "true" };
  deepEqual(rolloutViewOf(obj), {
    name: "web",
    phase: "Progressing",
    step: 0,
    steps: 2,
    weight: 25,
    message: "step 0",
    awaitingPromotion: false,
    promoteRequested: true,
  });
});

Deno.test("describeRollout() says where a Rollout stands", async (t) => {
  const base = { name: "web", message: "", awaitingPromotion: false, promoteRequested: false };
  const cases = [
    { view: { ...base, phase: "Preview" }, text: "Preview" },
    {
      view: { ...base, phase: "Progressing", step: 0, steps: 4, weight: 10 },
      text: "Progressing at step 1 of 4 (10% traffic)",
    },
    {
      view: { ...base, phase: "Completed", step: 4, steps: 4, weight: 100 },
      text: "Completed at the end of its 4 steps (100% traffic)",
    },
  ];
  for (const c of cases) {
    await t.step(c.text, () => equal(describeRollout(c.view), c.text));
  }
});
