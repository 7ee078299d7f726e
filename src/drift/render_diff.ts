/** Readable per-resource diffs (`nopea diff`, `nopea drift`): YAML of live vs desired, Secrets masked. */
import { structuredPatch } from "diff";
import { type KubeObject, stringifyYaml as stringify } from "../manifests/mod.ts";
import { maskForDisplay } from "../secrets/mod.ts";
import { normalize, stableJson } from "./normalize.ts";

/** What applying would do to one object. */
export type DiffAction = "create" | "configure" | "unchanged" | "delete";

/** One object to show. */
export interface DiffEntry {
  /** Heading name, e.g. `Deployment.apps/prod/api` (see `formatKey`). */
  key: string;
  /** What applying would do; `diffAction` computes it. */
  action: DiffAction;
  /** The object in the cluster; absent for `create`. */
  live?: KubeObject;
  /** The object as it would be applied (a dry-run result); absent for `delete`. */
  desired?: KubeObject;
}

/** Options of {@linkcode renderDiff}. */
export interface RenderDiffOptions {
  /** ANSI colours (green additions, red removals). */
  color: boolean;
  /** Unchanged lines around each change; default 3. */
  context?: number;
  /** Unchanged objects left out of `entries` (`nopea diff` without `--show-unchanged`): counted in the summary. */
  hiddenUnchanged?: number;
}

/**
 * ANSI styles. Written here rather than taken from picocolors, which reads the environment when
 * imported and so would make this pure module ask for `--allow-env`.
 */
interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

function colors(enabled: boolean): Colors {
  const style = (open: number, close: number) => (s: string) =>
    enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
  };
}

const HEADINGS: Readonly<
  Record<DiffAction, { mark: string; paint: (c: Colors, s: string) => string }>
> = {
  create: { mark: "+", paint: (c, s) => c.bold(c.green(s)) },
  configure: { mark: "~", paint: (c, s) => c.bold(c.yellow(s)) },
  delete: { mark: "-", paint: (c, s) => c.bold(c.red(s)) },
  unchanged: { mark: "=", paint: (c, s) => c.dim(s) },
};

/**
 * Renders a unified diff per object (YAML of the normalized live object against the desired one,
 * server-owned fields stripped, Secret values masked on both sides so that an equal value shows
 * an equal mask), under headings `+ create …`, `~ configure …`, `- delete …`, `= unchanged …`,
 * and ends with a summary line such as `2 to create, 1 to configure, 30 unchanged`.
 *
 * @example
 * ```ts
 * import { renderDiff } from "./mod.ts";
 * import { loadYamlReader } from "../manifests/mod.ts";
 * import { equal } from "node:assert/strict";
 * await loadYamlReader(); // the `yaml` package, loaded on demand (not by an unchanged deploy)
 * const cm = (v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { v } });
 * const text = renderDiff([{ key: "ConfigMap/web", action: "configure", live: cm("1"), desired: cm("2") }], { color: false });
 * equal(text.split("\n").filter((l) => l.startsWith("~") || l.includes(" v: ")).join("\n"),
 *   "~ configure ConfigMap/web\n  -  v: \"1\"\n  +  v: \"2\"");
 * ```
 */
export function renderDiff(entries: readonly DiffEntry[], options: RenderDiffOptions): string {
  const c = colors(options.color);
  const lines: string[] = [];
  for (const entry of entries) {
    const heading = HEADINGS[entry.action];
    lines.push(heading.paint(c, `${heading.mark} ${entry.action} ${entry.key}`));
    if (entry.action !== "unchanged") lines.push(...hunks(entry, options.context ?? 3, c));
  }
  lines.push(c.bold(summary(entries, options.hiddenUnchanged ?? 0)));
  return `${lines.join("\n")}\n`;
}

function hunks(entry: DiffEntry, context: number, c: Colors): string[] {
  const patch = structuredPatch(
    "live",
    "desired",
    toYaml(entry.live),
    toYaml(entry.desired),
    "",
    "",
    {
      context,
    },
  );
  return patch.hunks.flatMap((h) => [
    `  ${c.cyan(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`)}`,
    ...h.lines.map((line) =>
      `  ${line.startsWith("+") ? c.green(line) : line.startsWith("-") ? c.red(line) : line}`
    ),
  ]);
}

/** `start,lines` as unified diffs write it: an empty side starts at the line before. */
function range(start: number, lines: number): string {
  return `${lines === 0 ? start - 1 : start},${lines}`;
}

function toYaml(obj: KubeObject | undefined): string {
  return obj === undefined ? "" : stringify(maskForDisplay(normalize(obj)), { lineWidth: 0 });
}

function summary(entries: readonly DiffEntry[], hidden: number): string {
  const count = (action: DiffAction) => entries.filter((e) => e.action === action).length;
  const parts = [`${count("create")} to create`, `${count("configure")} to configure`];
  if (count("delete") > 0) parts.push(`${count("delete")} to delete`);
  parts.push(`${count("unchanged") + hidden} unchanged${hidden > 0 ? " (not shown)" : ""}`);
  return parts.join(", ");
}

/**
 * The action a `renderDiff` entry should carry: `create` without a live object, `unchanged`
 * when the normalized live and desired objects are equal, else `configure`.
 *
 * @example
 * ```ts
 * import { diffAction } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "1" } };
 * equal(diffAction(undefined, cm), "create");
 * equal(diffAction({ ...cm, metadata: { name: "web", resourceVersion: "7" } }, cm), "unchanged");
 * ```
 */
export function diffAction(
  live: KubeObject | undefined,
  desired: KubeObject,
): "create" | "configure" | "unchanged" {
  if (live === undefined) return "create";
  return stableJson(normalize(live)) === stableJson(normalize(desired)) ? "unchanged" : "configure";
}
