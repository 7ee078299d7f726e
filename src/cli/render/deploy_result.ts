/** Human rendering of a deploy result. */
import pc from "picocolors";
import type { DeployResult } from "../../deploys/mod.ts";

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function counts(result: DeployResult): string {
  const by = new Map<string, number>();
  for (const r of result.resources) by.set(r.action, (by.get(r.action) ?? 0) + 1);
  const order = ["created", "configured", "unchanged", "deleted", "failed", "skipped"];
  const parts = order.filter((a) => by.has(a)).map((a) =>
    `${by.get(a)} ${a === "skipped" ? "not applied" : a}`
  );
  return `${result.resources.length} objects${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** The first line: what the operation was and how it ended, in words. */
function headline(result: DeployResult, c: ReturnType<typeof pc.createColors>): string {
  const what = `service "${result.service}" ${
    result.operation === "delete" ? "from" : "to"
  } namespace "${result.namespace}"`;
  const id = c.dim(`(deploy ${result.deployId})`);
  const took = `in ${secs(result.durationMs)} ${id}`;
  const dry = result.dryRun ? "Dry run: " : "";
  if (result.status === "progressing") {
    return `${c.yellow("…")} Deploy of ${what} is progressing ${id}`;
  }
  if (result.status === "rolledback" && !result.error) {
    return `${c.green("✓")} ${dry}Rolled back ${what} to deploy ${
      result.rollbackOf ?? "?"
    } ${took}`;
  }
  if (result.status === "completed") {
    const verb = result.operation === "delete" ? "Deleted" : "Deployed";
    return `${c.green("✓")} ${dry}${verb} ${what} ${took}`;
  }
  if (result.status === "refused") {
    return `${c.red("✗")} ${dry}Deploy of ${what} refused: nothing was changed ${id}`;
  }
  const op = result.operation === "delete" ? "Delete" : "Deploy";
  return `${c.red("✗")} ${op} of ${what} ${result.status} after ${secs(result.durationMs)} ${id}`;
}

/** Renders a deploy result as a few lines a person can act on. */
export function renderDeployResult(result: DeployResult, color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const lines: string[] = [headline(result, c)];
  const why = result.strategyReasons.length ? ` — ${result.strategyReasons.join("; ")}` : "";
  lines.push(`  strategy: ${result.strategy}${why}`);
  lines.push(`  ${counts(result)}`);
  if (result.verified) {
    lines.push(
      `  verified: ${
        result.drift.length === 0
          ? "no drift"
          : `${result.drift.length} fields changed by the server`
      }`,
    );
    for (const d of result.drift.slice(0, 10)) {
      lines.push(
        c.dim(
          `    ${d.resource} ${d.path}: sent ${JSON.stringify(d.sent)}, stored ${
            JSON.stringify(d.stored)
          }`,
        ),
      );
    }
  }
  if (result.error) {
    lines.push(`  ${c.red(`Error [${result.error.code}]`)}: ${result.error.message}`);
    if (result.error.hint) lines.push(`  Hint: ${result.error.hint}`);
  }
  const pending = result.resources.filter((r) => r.readiness && r.readiness !== "ready");
  for (const r of pending.slice(0, 20)) {
    lines.push(`    ${r.key}: ${r.readiness}${r.message ? ` — ${r.message}` : ""}`);
    for (const p of (r.problems ?? []).slice(0, 3)) {
      lines.push(
        c.dim(`      ${p.pod}${p.container ? `/${p.container}` : ""}: ${p.reason}: ${p.message}`),
      );
    }
  }
  const skipped = result.resources.filter((r) => r.action === "skipped");
  if (skipped.length > 0) {
    lines.push(
      `  not applied (${skipped.length}): ${skipped.slice(0, 10).map((r) => r.key).join(", ")}${
        skipped.length > 10 ? ", …" : ""
      }`,
    );
  }
  for (const w of result.warnings) lines.push(c.yellow(`  warning: ${w}`));
  if (result.rollback) {
    lines.push(`  --atomic rolled it back:`);
    lines.push(
      ...renderDeployResult(result.rollback, color).trimEnd().split("\n").map((l) => `  ${l}`),
    );
  }
  return lines.join("\n") + "\n";
}
