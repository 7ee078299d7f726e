/** The live deploy view fits the terminal and shows a failure reason as soon as it is known. */
import { equal, match, ok } from "node:assert/strict";
import { bufferedIo } from "../../../src/cli/mod.ts";
import { progressRenderer } from "../../../src/cli/render/progress.ts";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function waiting(count: number) {
  return {
    type: "waiting" as const,
    elapsedMs: 1500,
    resources: Array.from({ length: count }, (_, i) => ({
      key: `Deployment.apps/production-namespace/a-service-with-a-long-name-${i}`,
      state: "progressing",
      message: "0/3 replicas available, waiting for the new ReplicaSet to become ready",
      ...(i === 0
        ? { problems: [{ reason: "ImagePullBackOff", message: "image not found", blocking: true }] }
        : {}),
    })),
  };
}

Deno.test("on an 80×12 terminal every redraw fits: no line wraps, no frame scrolls away", () => {
  const io = bufferedIo({ isTty: true, size: { columns: 80, rows: 12 } });
  const render = progressRenderer(io, { live: true, color: false, now: () => 0, size: io.size! });
  render(waiting(30));
  render(waiting(30));
  // deno-lint-ignore no-control-regex
  const frames = io.out().split(/\x1b\[\d+A\x1b\[0J/);
  equal(frames.length, 2, "the second frame replaced the first");
  // deno-lint-ignore no-control-regex
  const up = Number(/\x1b\[(\d+)A/.exec(io.out())?.[1]);
  const lines = frames[0]!.trimEnd().split("\n");
  equal(up, lines.length, "the cursor goes up exactly over the frame drawn");
  ok(lines.length <= 11, `${lines.length} lines on a 12-row terminal`);
  for (const line of lines) ok(line.replace(ANSI, "").length < 80, line);
  match(frames[1]!, /… and \d+ more/);
});

Deno.test("a pod problem shows while waiting, in the live view and in plain lines", () => {
  const live = bufferedIo({ isTty: true, size: { columns: 200, rows: 40 } });
  progressRenderer(live, { live: true, color: false, now: () => 0, size: live.size! })(waiting(2));
  match(live.out(), /ImagePullBackOff: image not found/);
  const plain = bufferedIo();
  progressRenderer(plain, { live: false, color: false, now: () => 0 })(waiting(1));
  match(plain.out(), /progressing: .* \(ImagePullBackOff: image not found\)/);
});
