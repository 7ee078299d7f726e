import { deepEqual, equal, match, ok } from "node:assert/strict";
import { dirname, join } from "node:path";
import { checkBoundaries } from "../../_tools/check_boundaries.ts";

/** Writes `files` (paths relative to a fresh src/) and returns that src/ directory. */
function srcTree(files: Record<string, string>): string {
  const src = join(Deno.makeTempDirSync({ prefix: "nopea-boundaries-" }), "src");
  for (const [path, text] of Object.entries(files)) {
    Deno.mkdirSync(dirname(join(src, path)), { recursive: true });
    Deno.writeTextFileSync(join(src, path), text);
  }
  return src;
}

function check(files: Record<string, string>): string[] {
  const src = srcTree(files);
  try {
    return checkBoundaries(src);
  } finally {
    Deno.removeSync(dirname(src), { recursive: true });
  }
}

Deno.test("checkBoundaries() passes a tree whose imports point inward through mod.ts", () => {
  deepEqual(
    check({
      "engine/mod.ts": 'export { plan } from "../plan/mod.ts";\n',
      "plan/mod.ts": 'import { x } from "../shared/mod.ts";\nexport const plan = x;\n',
      "shared/mod.ts": "export const x = 1;\n",
    }),
    [],
  );
});

Deno.test("checkBoundaries() reports a cycle between folders, naming one import per edge", () => {
  const problems = check({
    "plan/mod.ts": 'export * from "./plan.ts";\n',
    "plan/plan.ts": 'import { s } from "../strategy/mod.ts";\nexport const p = s;\n',
    "strategy/mod.ts": 'import { p } from "../plan/mod.ts";\nexport const s = p;\n',
  });
  equal(problems.length, 1);
  const [cycle = ""] = problems;
  match(cycle, /import cycle plan\/ -> strategy\/ -> plan\//);
  match(cycle, /plan\/ -> strategy\/: plan\/plan\.ts imports "\.\.\/strategy\/mod\.ts"/);
  match(cycle, /strategy\/ -> plan\/: strategy\/mod\.ts imports "\.\.\/plan\/mod\.ts"/);
});

Deno.test("checkBoundaries() reports a longer cycle once, and an outward import with it", () => {
  const problems = check({
    "memory/mod.ts": 'import "../occurrences/mod.ts";\n',
    "occurrences/mod.ts": 'import "../deploys/mod.ts";\n',
    "deploys/mod.ts": 'import "../memory/mod.ts";\n',
  });
  ok(
    problems.some((p) =>
      p === "deploys/mod.ts: deploys/ must not import memory/ (dependencies point inward)"
    ),
  );
  const cycles = problems.filter((p) => p.startsWith("import cycle"));
  equal(cycles.length, 1);
  match(cycles[0] ?? "", /^import cycle deploys\/ -> memory\/ -> occurrences\/ -> deploys\//);
});

Deno.test("checkBoundaries() reports a folder missing from RANK", () => {
  deepEqual(check({ "gadgets/mod.ts": "export const g = 1;\n" }), [
    "gadgets/ has no rank: add it to RANK in _tools/check_boundaries.ts (outermost first)",
  ]);
});

Deno.test("checkBoundaries() still reports imports around mod.ts and Deno.* outside adapters", () => {
  deepEqual(
    check({
      "engine/run.ts": 'import { p } from "../plan/plan.ts";\nexport const r = p;\n',
      "plan/plan.ts": "export const p = Deno.env.get('X');\n",
      "wiring/settings.ts": "export const home = Deno.env.get('HOME');\n",
    }),
    [
      'engine/run.ts: imports "../plan/plan.ts" without going through plan/mod.ts',
      "plan/plan.ts: uses Deno.* outside an adapter file (STYLE R2)",
    ],
  );
});
