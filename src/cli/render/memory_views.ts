/** Human rendering of the read operations: context, explain, history, services, status, health. */
import type { HealthReport, ServiceStatus } from "../../engine/mod.ts";
import type { DeployRecord } from "../../deploys/mod.ts";
import type { DeployContext, Explanation, ServiceSummary } from "../../memory/mod.ts";

const pct = (n: number | null) => (n === null ? "n/a" : `${Math.round(n * 100)}%`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** `nopea context`. */
export function renderContext(c: DeployContext): string {
  const lines = [
    `Service "${c.service}" in namespace "${c.namespace}": ${
      c.known ? "known" : "not deployed by Nopea yet"
    }`,
  ];
  lines.push(`Recommended strategy: ${c.recommendedStrategy}`);
  for (const r of c.reasons) lines.push(`  - ${r}`);
  if (c.failurePatterns.length) {
    lines.push("Failure patterns:");
    for (const p of c.failurePatterns) {
      lines.push(
        `  ${p.errorClass}: confidence ${
          p.confidence.toFixed(2)
        }, seen ${p.timesSeen}×, last ${p.lastSeen}`,
      );
      for (const e of p.evidence.slice(-2)) lines.push(`    "${e}"`);
    }
  }
  if (c.recentDeploys.length) {
    lines.push("Recent deploys:");
    for (const d of c.recentDeploys.slice(0, 5)) {
      lines.push(
        `  ${d.deployId} ${d.status.padEnd(10)} ${d.strategy.padEnd(10)} ${
          secs(d.durationMs).padStart(7)
        }${d.errorClass ? `  ${d.errorClass}` : ""}`,
      );
    }
  }
  if (c.dependencies.length) {
    lines.push(`Depends on: ${c.dependencies.map((d) => d.service).join(", ")}`);
  }
  if (c.dependents.length) {
    lines.push(`Depended on by: ${c.dependents.map((d) => d.service).join(", ")}`);
  }
  const d = c.dora;
  lines.push(
    `DORA (${d.windowDays} days): deployment frequency ${d.deploymentFrequency}/day, change failure rate ${
      pct(d.changeFailureRate)
    }, ` +
      `failed deployment recovery time ${
        d.failedDeploymentRecoveryTimeMs === null ? "n/a" : secs(d.failedDeploymentRecoveryTimeMs)
      }, ` +
      `deployment rework rate ${pct(d.deploymentReworkRate)}`,
  );
  return lines.join("\n") + "\n";
}

/** `nopea explain`. */
export function renderExplanation(e: Explanation): string {
  return e.sentences.join("\n") + "\n";
}

/** `  poll 1a2b3c4 (was 9f8e7d6)`: the trigger and git commit of a `nopea watch` deploy. */
function gitRevision(d: DeployRecord): string {
  const commit = d.source
    ? ` ${d.source.commit.slice(0, 7)}${
      d.source.previous ? ` (was ${d.source.previous.slice(0, 7)})` : ""
    }`
    : "";
  return d.trigger || d.source ? `  ${d.trigger ?? "manual"}${commit}` : "";
}

/** `nopea history`. */
export function renderHistory(deploys: readonly DeployRecord[], nextCursor?: string): string {
  if (deploys.length === 0) return "No deploys recorded\n";
  const lines = deploys.map((d) =>
    `${d.deployId}  ${d.finishedAt}  ${d.status.padEnd(10)} ${d.strategy.padEnd(10)} ${
      secs(d.durationMs).padStart(7)
    }` +
    `${gitRevision(d)}` +
    `${d.error ? `  ${d.error.errorClass ?? d.error.code}: ${d.error.message.split("\n")[0]}` : ""}`
  );
  if (nextCursor) lines.push(`(more: --cursor ${nextCursor})`);
  return lines.join("\n") + "\n";
}

/** `nopea services`. */
export function renderServices(services: readonly ServiceSummary[], nextCursor?: string): string {
  if (services.length === 0) return "No services deployed yet\n";
  const lines = ["SERVICE              DEPLOYS  LAST         FAILURE-RATE  PATTERNS  NAMESPACES"];
  for (const s of services) {
    lines.push(
      `${s.service.padEnd(20)} ${String(s.deploys).padStart(7)}  ${
        (s.lastDeploy?.status ?? "-").padEnd(11)
      }  ${pct(s.changeFailureRate).padStart(12)}  ${String(s.failurePatterns).padStart(8)}  ${
        s.namespaces.join(",")
      }`,
    );
  }
  if (nextCursor) lines.push(`(more: --cursor ${nextCursor})`);
  return lines.join("\n") + "\n";
}

/** `nopea status`. */
export function renderStatus(s: ServiceStatus): string {
  const lines = [
    `Service "${s.service}": ${s.healthy ? "healthy" : "not healthy"}${
      s.deploying ? " (a deploy is running)" : ""
    }`,
    `Last deploy ${s.lastDeploy.deployId}: ${s.lastDeploy.status} (${s.lastDeploy.strategy}) at ${s.lastDeploy.finishedAt}`,
  ];
  for (const r of s.resources) lines.push(`  ${r.state.padEnd(11)} ${r.key}  ${r.message}`);
  return lines.join("\n") + "\n";
}

/** `nopea health`. */
export function renderHealth(h: HealthReport): string {
  return [
    `Nopea: ${h.status}`,
    `  cluster: ${h.cluster.reachable ? "reachable" : `unreachable (${h.cluster.error ?? ""})`}`,
    `  memory: ${
      h.memory.readable
        ? `readable, ${h.memory.deploys ?? 0} deploys`
        : `unreadable (${h.memory.error ?? ""})`
    }`,
    `  active deploys: ${h.activeDeploys.length ? h.activeDeploys.join(", ") : "none"}`,
  ].join("\n") + "\n";
}
