/**
 * Boundary check (STYLE R1, R2): cross-folder imports go through `mod.ts`, dependencies point
 * inward, folders never import each other in a cycle, every folder has a rank, and `Deno.*`
 * appears only in adapter files.
 * Run: `deno run -A _tools/check_boundaries.ts`; exits 1 listing violations.
 */
import { join, relative } from "node:path";

/** Layers, outermost first: a folder may import folders of the same or a higher (inner) rank. */
export const RANK: Readonly<Record<string, number>> = {
  cli: 0,
  mcp: 0,
  http: 0,
  web: 0,
  testing: 0,
  surface: 1,
  wiring: 1,
  scope: 1,
  engine: 2,
  gitops: 2,
  progressive: 3,
  sandbox: 3,
  events: 3,
  plan: 4,
  strategy: 4,
  memory: 4,
  "memory_cluster": 3,
  drift: 4,
  apply: 4,
  lock: 4,
  occurrences: 5,
  deploys: 6,
  readiness: 7,
  kube: 7,
  secrets: 7,
  manifests: 8,
  permissions: 8,
  shared: 9,
};

/** Files (relative to src/) or folders (ending in "/") allowed to use `Deno.*`. */
const DENO_ALLOWED = [
  "cli/",
  "mcp/",
  "http/",
  "wiring/",
  "scope/",
  "permissions/",
  "sandbox/http/",
  "sandbox/state_file.ts",
  "kube/kube_cluster.ts",
  "kube/kubeconfig.ts",
  "kube/_native_fetch.ts",
  "kube/_native_auth.ts",
  "kube/_kubeconfig_files.ts",
  "memory/file_store.ts",
  "memory/_fs_",
  "memory_cluster/sync_state_file.ts",
  "occurrences/file_sink.ts",
  "manifests/file_source.ts",
  "manifests/schema_cache_file.ts",
  "engine/default_deps.ts",
  "events/http_emitter.ts",
  "gitops/git_repo.ts",
  "shared/clock.ts",
  "testing/",
];

const IMPORT =
  /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function* walk(dir: string): Generator<string> {
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

/** One folder-to-folder import, with the first file and specifier seen for it. */
interface Edge {
  readonly file: string;
  readonly spec: string;
}

/** Every elementary cycle in the folder graph, each listed once starting at its smallest folder. */
function findCycles(graph: Map<string, Map<string, Edge>>): string[][] {
  const cycles: string[][] = [];
  const nodes = [...graph.keys()].sort();
  for (const start of nodes) {
    const path = [start];
    const visit = (node: string): void => {
      for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (next === start) cycles.push([...path, start]);
        else if (next > start && !path.includes(next)) {
          path.push(next);
          visit(next);
          path.pop();
        }
      }
    };
    visit(start);
  }
  return cycles;
}

/** Checks the tree under `srcDir`; returns one line per violation (empty when it passes). */
export function checkBoundaries(
  srcDir: string,
  rank: Readonly<Record<string, number>> = RANK,
): string[] {
  const problems: string[] = [];
  const graph = new Map<string, Map<string, Edge>>();
  for (const entry of [...Deno.readDirSync(srcDir)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory && rank[entry.name] === undefined) {
      problems.push(
        `${entry.name}/ has no rank: add it to RANK in _tools/check_boundaries.ts (outermost first)`,
      );
    }
  }
  for (const file of walk(srcDir)) {
    const rel = relative(srcDir, file);
    const folder = rel.split("/")[0] ?? "";
    // JSDoc examples import freely (they run as users' code); only real imports count.
    const text = Deno.readTextFileSync(file).replace(/\/\*[\s\S]*?\*\//g, "");
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? "";
      if (!spec.startsWith(".")) continue;
      const target = relative(srcDir, join(file, "..", spec));
      const targetFolder = target.split("/")[0] ?? "";
      if (targetFolder === folder || target.startsWith("..")) continue;
      if (!target.endsWith("/mod.ts") || target.split("/").length !== 2) {
        problems.push(`${rel}: imports "${spec}" without going through ${targetFolder}/mod.ts`);
      }
      const from = rank[folder], to = rank[targetFolder];
      if (from !== undefined && to !== undefined && to < from) {
        problems.push(
          `${rel}: ${folder}/ must not import ${targetFolder}/ (dependencies point inward)`,
        );
      }
      const edges = graph.get(folder) ?? new Map<string, Edge>();
      graph.set(folder, edges);
      if (!edges.has(targetFolder)) edges.set(targetFolder, { file: rel, spec });
    }
    const usesDeno = /\bDeno\.(?!test\b|bench\b)/.test(text.replace(/^\s*\/\/.*$/gm, ""));
    if (usesDeno && !DENO_ALLOWED.some((allowed) => rel.startsWith(allowed))) {
      problems.push(`${rel}: uses Deno.* outside an adapter file (STYLE R2)`);
    }
  }
  for (const cycle of findCycles(graph)) {
    const steps = cycle.slice(1).map((to, i) => {
      const from = cycle[i] ?? "";
      const edge = graph.get(from)?.get(to);
      return `\n    ${from}/ -> ${to}/: ${edge?.file} imports "${edge?.spec}"`;
    });
    problems.push(`import cycle ${cycle.map((f) => `${f}/`).join(" -> ")}${steps.join("")}`);
  }
  return problems;
}

if (import.meta.main) {
  const problems = checkBoundaries(new URL("../src/", import.meta.url).pathname);
  if (problems.length > 0) {
    console.error(`Boundary check failed:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    Deno.exit(1);
  }
  console.log("Boundary check passed");
}
