/** explainContext(): a deploy context as sentences a person or an AI can act on (DESIGN §4.3). Pure. */
import type { DeployStatus, Strategy } from "../deploys/mod.ts";
import { ERROR_CLASS_ADVICE, errorClassOf } from "./classify.ts";
import type { DeployContext, ServiceLink } from "./context.ts";
import { FAILURE_RATE_PRIOR } from "./failure_rate.ts";

/** A context rendered as sentences, with the recommendation. */
export interface Explanation {
  /** The service. */
  service: string;
  /** Whether memory has recorded a deploy of it. */
  known: boolean;
  /** The explanation, one sentence per fact. */
  sentences: string[];
  /** The strategy memory recommends. */
  recommendedStrategy: Strategy;
  /** Why. */
  reasons: string[];
}

/** Totals the explanation opens with. */
export interface ExplainTotals {
  /** Distinct deploys recorded. */
  deploys: number;
  /** Deploys by their latest status. */
  byStatus: Record<DeployStatus, number>;
}

/** A duration in words: `45s`, `12m`, `3h 5m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  return ms < 1000 ? "just now" : `${formatDuration(ms)} ago`;
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);
const pct = (n: number | null) => (n === null ? "not measurable yet" : `${Math.round(n * 100)}%`);

function list(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function history(ctx: DeployContext, totals: ExplainTotals, now: number): string {
  const b = totals.byStatus;
  const last = ctx.recentDeploys[0];
  const head =
    `"${ctx.service}" has ${totals.deploys} recorded deploy${totals.deploys === 1 ? "" : "s"} ` +
    `(${b.completed} completed, ${b.failed} failed, ${b.rolledback} rolled back, ${b.progressing} in progress` +
    `${(b.refused ?? 0) > 0 ? `, ${b.refused} refused` : ""})`;
  if (!last) return `${head}.`;
  const cls = last.errorClass ? ` with ${last.errorClass}` : "";
  return `${head}; the last one (${last.deployId}) ${last.status}${cls} ${
    ago(last.finishedAt, now)
  } ` +
    `in namespace "${last.namespace}" with the ${last.strategy} strategy.`;
}

/** The failure patterns with what to check, then the failure rate with its counts. */
function learned(ctx: DeployContext): string[] {
  const out = ctx.failurePatterns.map((p) =>
    `It failed with ${p.errorClass} ${times(p.timesSeen)}, last at ${p.lastSeen} ` +
    `(confidence ${p.confidence.toFixed(2)}): ` +
    `${ERROR_CLASS_ADVICE[errorClassOf(p.errorClass) ?? "Unknown"]}.`
  );
  if (out.length === 0) {
    out.push("No failure pattern is active: earlier failures, if any, have faded.");
  }
  const r = ctx.failureRate;
  const counts = r.deploys === 0
    ? "none of its deploys has finished yet"
    : `${r.failures} of its last ${r.deploys} failed, not counting deploys right after a failure`;
  out.push(
    `It fails about ${pct(r.estimate)} of its deploys: ${counts} (recent deploys weigh more; ` +
      `every service starts at 1 failure in ${FAILURE_RATE_PRIOR.deploys}).`,
  );
  return out;
}

function dependencies(ctx: DeployContext): string[] {
  const out: string[] = [];
  const state = (l: ServiceLink) =>
    l.lastStatus
      ? `"${l.service}" (last deploy ${l.lastStatus})`
      : `"${l.service}" (not deployed by Nopea)`;
  if (ctx.dependencies.length > 0) out.push(`It depends on ${list(ctx.dependencies.map(state))}.`);
  for (const d of ctx.dependencies) {
    if (d.lastStatus === "failed" || d.lastStatus === "rolledback") {
      out.push(
        `Check "${d.service}" before deploying: its last deploy ${
          d.lastStatus === "failed" ? "failed" : "was rolled back"
        }.`,
      );
    }
  }
  if (ctx.dependents.length > 0) {
    const names = list(ctx.dependents.map((l) => `"${l.service}"`));
    out.push(
      `${names} depend${ctx.dependents.length === 1 ? "s" : ""} on it: check ${
        ctx.dependents.length === 1 ? "it" : "them"
      } after this deploy.`,
    );
  }
  return out;
}

/** A sentence when the service lives in several namespaces: which one this is about. */
function severalNamespaces(ctx: DeployContext): string[] {
  if (ctx.namespaces.length < 2) return [];
  const list = ctx.namespaces.map((n) => `"${n}"`).join(", ");
  return [
    `"${ctx.service}" was deployed to ${ctx.namespaces.length} namespaces (${list}); this is ` +
    `about "${ctx.namespace}" (pass -n to choose another).`,
  ];
}

/**
 * Renders a deploy context as sentences: history, failure patterns with what to check, the
 * failure rate with its counts, dependencies and dependents, DORA figures, and the recommended
 * strategy.
 */
export function explainContext(
  ctx: DeployContext,
  totals: ExplainTotals,
  now: number,
): Explanation {
  const sentences = ctx.known
    ? [history(ctx, totals, now), ...severalNamespaces(ctx), ...learned(ctx)]
    : [`Nopea has no memory of "${ctx.service}" yet: no deploy of it has been recorded.`];
  sentences.push(...dependencies(ctx));
  const d = ctx.dora;
  if (d.deploys > 0) {
    const recovery = d.failedDeploymentRecoveryTimeMs === null
      ? "not measurable yet"
      : formatDuration(d.failedDeploymentRecoveryTimeMs);
    sentences.push(
      `Over the last ${d.windowDays} days: ${d.deploys} deploys, deployment frequency ${d.deploymentFrequency} per day, ` +
        `change failure rate ${
          pct(d.changeFailureRate)
        }, failed deployment recovery time ${recovery}, ` +
        `deployment rework rate ${pct(d.deploymentReworkRate)}.`,
    );
  }
  sentences.push(
    `Recommended strategy: ${ctx.recommendedStrategy}, because ${ctx.reasons.join("; ")}.`,
  );
  return {
    service: ctx.service,
    known: ctx.known,
    sentences,
    recommendedStrategy: ctx.recommendedStrategy,
    reasons: [...ctx.reasons],
  };
}
