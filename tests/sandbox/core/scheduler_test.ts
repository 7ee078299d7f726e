import { deepEqual, equal } from "node:assert/strict";
import { Scheduler } from "../../../src/sandbox/core/mod.ts";
import { fixedClock } from "../../../src/shared/mod.ts";

Deno.test("Scheduler.runDue() runs due tasks in time order, ties in scheduling order", () => {
  const clock = fixedClock(1000);
  const scheduler = new Scheduler(clock);
  const ran: string[] = [];
  scheduler.schedule(1300, () => ran.push("c"));
  scheduler.schedule(1100, () => ran.push("a1"));
  scheduler.schedule(1100, () => ran.push("a2"));
  scheduler.schedule(1200, () => ran.push("b"));
  scheduler.schedule(5000, () => ran.push("late"));
  equal(scheduler.runDue(), 0);
  clock.advance(300);
  equal(scheduler.runDue(), 4);
  deepEqual(ran, ["a1", "a2", "b", "c"]);
  equal(scheduler.size, 1);
  equal(scheduler.nextAt(), 5000);
});

Deno.test("Scheduler.runDue() runs tasks that due tasks schedule, and survives failures", () => {
  const clock = fixedClock(0);
  const errors: unknown[] = [];
  const scheduler = new Scheduler(clock, { onError: (e) => errors.push(e) });
  const ran: string[] = [];
  scheduler.schedule(10, () => {
    ran.push("first");
    scheduler.schedule(5, () => ran.push("scheduled-in-the-past"));
    scheduler.schedule(50, () => ran.push("future"));
    throw new Error("boom");
  });
  scheduler.schedule(20, () => ran.push("second"));
  clock.set(30);
  scheduler.runDue();
  deepEqual(ran, ["first", "scheduled-in-the-past", "second"]);
  equal(errors.length, 1);
});

Deno.test("Scheduler.runDue() stops after maxTasksPerRun so a self-rescheduling task cannot hang", () => {
  const clock = fixedClock(0);
  const scheduler = new Scheduler(clock, { maxTasksPerRun: 10 });
  let count = 0;
  const loop = () => {
    count++;
    scheduler.schedule(0, loop);
  };
  scheduler.schedule(0, loop);
  equal(scheduler.runDue(), 10);
  equal(count, 10);
});

Deno.test("Scheduler.startTimer() runs due tasks in real time until stopTimer()", async () => {
  const clock = fixedClock(0);
  const scheduler = new Scheduler(clock);
  const ran = new Promise<string>((resolve) => scheduler.schedule(0, () => resolve("ran")));
  scheduler.startTimer();
  equal(await ran, "ran");
  scheduler.schedule(60_000, () => {});
  scheduler.stopTimer();
  equal(scheduler.size, 1);
});
