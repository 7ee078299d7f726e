/**
 * Boundary check (STYLE R1, R2): cross-folder imports go through `mod.ts`,
 * dependencies point inward, and `Deno.*` appears only in adapter files.
 * Run: `deno run -A _tools/check_boundaries.ts`; exits 1 listing violations.
 */
import { join, relative } from "node:path";

const SRC = new URL("../src/", import.meta.url).pathname;

/** Layers, outermost first: a folder may import folders of the same or a later (inner) rank. */
const RANK: Record<string, number> = {
  cli: 0,
  mcp: 0,
  http: 0,
  testing: 0,
  surface: 1,
  engine: 2,
  progressive: 3,
  sandbox: 3,
  events: 3,
  plan: 4,
  strategy: 4,
  memory: 4,
  occurrences: 4,
  drift: 4,
  readiness: 5,
  kube: 5,
  manifests: 6,
  shared: 7,
};

/** Files (relative to src/) or folders (ending in "/") allowed to use `Deno.*`. */
const DENO_ALLOWED = [
  "cli/",
  "mcp/",
  "http/",
  "sandbox/http/",
  "sandbox/state_file.ts",
  "kube/kube_cluster.ts",
  "kube/kubeconfig.ts",
  "kube/_native_fetch.ts",
  "memory/file_store.ts",
  "memory/_fs_",
  "occurrences/file_sink.ts",
  "manifests/file_source.ts",
  "engine/default_deps.ts",
  "events/http_emitter.ts",
  "shared/clock.ts",
  "testing/",
];

function* walk(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

const IMPORT = /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g;
const problems: string[] = [];

for (const file of walk(SRC)) {
  const rel = relative(SRC, file);
  const folder = rel.split("/")[0] ?? "";
  // JSDoc examples import freely (they run as users' code); only real imports count.
  const text = Deno.readTextFileSync(file).replace(/\/\*[\s\S]*?\*\//g, "");
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? "";
    if (!spec.startsWith(".")) continue;
    const target = relative(SRC, join(file, "..", spec));
    const targetFolder = target.split("/")[0] ?? "";
    if (targetFolder === folder || target.startsWith("..")) continue;
    if (!target.endsWith("/mod.ts") || target.split("/").length !== 2) {
      problems.push(`${rel}: imports "${spec}" without going through ${targetFolder}/mod.ts`);
    }
    const from = RANK[folder], to = RANK[targetFolder];
    if (from !== undefined && to !== undefined && to < from) {
      problems.push(
        `${rel}: ${folder}/ must not import ${targetFolder}/ (dependencies point inward)`,
      );
    }
  }
  const usesDeno = /\bDeno\.(?!test\b|bench\b)/.test(text.replace(/^\s*\/\/.*$/gm, ""));
  if (
    usesDeno && !DENO_ALLOWED.some((a) => a.endsWith("/") ? rel.startsWith(a) : rel.startsWith(a))
  ) {
    problems.push(`${rel}: uses Deno.* outside an adapter file (STYLE R2)`);
  }
}

if (problems.length > 0) {
  console.error(`Boundary check failed:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  Deno.exit(1);
}
console.log("Boundary check passed");
