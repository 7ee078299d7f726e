/** Human rendering of a deploy result. */
import pc from "picocolors";
import type { DeployResult } from "../../deploys/mod.ts";

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function counts(result: DeployResult): string {
  const by = new Map<string, number>();
  for (const r of result.resources) by.set(r.action, (by.get(r.action) ?? 0) + 1);
  const order = ["created", "configured", "unchanged", "failed", "skipped"];
  const parts = order.filter((a) => by.has(a)).map((a) =>
    `${by.get(a)} ${a === "skipped" ? "not applied" : a}`
  );
  return `${result.resources.length} objects${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** Renders a deploy result as a few lines a person can act on. */
export function renderDeployResult(result: DeployResult, color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const what = `service "${result.service}" to namespace "${result.namespace}"`;
  const lines: string[] = [];
  const id = c.dim(`(deploy ${result.deployId})`);
  if (result.status === "completed") {
    const verb = result.dryRun ? "Dry run of" : "Deployed";
    lines.push(`${c.green("✓")} ${verb} ${what} in ${secs(result.durationMs)} ${id}`);
  } else if (result.status === "progressing") {
    lines.push(`${c.yellow("…")} Deploy of ${what} is progressing ${id}`);
  } else {
    lines.push(
      `${c.red("✗")} Deploy of ${what} ${result.status} after ${secs(result.durationMs)} ${id}`,
    );
  }
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
  return lines.join("\n") + "\n";
}
