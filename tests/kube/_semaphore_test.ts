import { deepEqual, equal, throws } from "node:assert/strict";
import { Semaphore } from "../../src/kube/_semaphore.ts";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

Deno.test("Semaphore queues tasks beyond the limit and runs them in order", async () => {
  const slots = new Semaphore(2);
  const gates = [deferred(), deferred(), deferred(), deferred()];
  const started: number[] = [];
  const runs = gates.map((gate, i) =>
    slots.run(async () => {
      started.push(i);
      await gate.promise;
      return i;
    })
  );
  await Promise.resolve();
  deepEqual(started, [0, 1]);
  equal(slots.active, 2);
  equal(slots.waiting, 2);
  gates[1]!.resolve();
  await runs[1];
  await Promise.resolve();
  deepEqual(started, [0, 1, 2]);
  for (const gate of gates) gate.resolve();
  deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
  equal(slots.active, 0);
  equal(slots.waiting, 0);
});

Deno.test("Semaphore frees the slot when a task throws", async () => {
  const slots = new Semaphore(1);
  await slots.run(() => Promise.reject(new Error("boom"))).catch(() => {});
  equal(await slots.run(() => Promise.resolve("next")), "next");
  equal(slots.active, 0);
});

Deno.test("Semaphore ignores a second release of the same slot", async () => {
  const slots = new Semaphore(1);
  const release = await slots.acquire();
  release();
  release();
  equal(slots.active, 0);
  const again = await slots.acquire();
  equal(slots.active, 1);
  again();
});

Deno.test("Semaphore rejects a limit that is not a positive integer", async (t) => {
  for (const limit of [0, -1, 1.5, Number.NaN]) {
    await t.step(String(limit), () => throws(() => new Semaphore(limit), RangeError));
  }
});
