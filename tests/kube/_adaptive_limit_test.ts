import { deepEqual, equal, throws } from "node:assert/strict";
import { AdaptiveLimit, type LimitTicket } from "../../src/kube/_adaptive_limit.ts";

async function take(limit: AdaptiveLimit, count: number): Promise<LimitTicket[]> {
  return await Promise.all(Array.from({ length: count }, () => limit.acquire()));
}

Deno.test("AdaptiveLimit queues requests beyond its limit and serves them in order", async () => {
  const limit = new AdaptiveLimit({ initial: 2, max: 2 });
  const [a, b] = await take(limit, 2);
  const served: number[] = [];
  const waiting = [0, 1].map((i) => limit.acquire().then((t) => (served.push(i), t)));
  await Promise.resolve();
  equal(limit.active, 2);
  equal(limit.waiting, 2);
  a!.release("ok");
  const first = await waiting[0]!;
  deepEqual(served, [0]);
  b!.release("ok");
  first.release("ok");
  (await waiting[1]!).release("ok");
  equal(limit.active, 0);
});

Deno.test("AdaptiveLimit doubles per round trip until the first pushback, up to its maximum", async () => {
  const limit = new AdaptiveLimit({ initial: 4, max: 20 });
  for (const ticket of await take(limit, 4)) ticket.release("ok");
  equal(limit.limit, 8);
  for (const ticket of await take(limit, 8)) ticket.release("ok");
  equal(limit.limit, 16);
  for (const ticket of await take(limit, 16)) ticket.release("ok");
  equal(limit.limit, 20);
});

Deno.test("AdaptiveLimit halves once per round trip of pushback, then grows one per round trip", async () => {
  const limit = new AdaptiveLimit({ initial: 16, max: 64 });
  const tickets = await take(limit, 16);
  for (const ticket of tickets.slice(0, 4)) ticket.release("pushback");
  equal(limit.limit, 8, "requests sent before the halving do not halve again");
  for (const ticket of tickets.slice(4)) ticket.release("neutral");
  for (const ticket of await take(limit, 8)) ticket.release("ok");
  equal(limit.limit, 9, "after pushback the limit grows by one per round trip");
  const [next] = await take(limit, 1);
  next!.release("pushback");
  equal(limit.limit, 4);
});

Deno.test("AdaptiveLimit never goes below its minimum and ignores a second release", async () => {
  const limit = new AdaptiveLimit({ initial: 2, max: 8, min: 2 });
  const [ticket] = await take(limit, 1);
  ticket!.release("pushback");
  ticket!.release("ok");
  equal(limit.limit, 2);
  equal(limit.active, 0);
});

Deno.test("AdaptiveLimit rejects bounds that are not positive integers", async (t) => {
  for (
    const options of [{ initial: 0, max: 8 }, { initial: 2, max: 1.5 }, {
      initial: 2,
      max: 8,
      min: -1,
    }]
  ) {
    await t.step(
      JSON.stringify(options),
      () => throws(() => new AdaptiveLimit(options), RangeError),
    );
  }
});
