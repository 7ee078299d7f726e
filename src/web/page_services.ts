/** The Services page: every service with its last deploy, recommendation, DORA and live drift. */
import { html } from "hono/html";
import type { DeployRecord } from "../deploys/mod.ts";
import type { DeployContext, ServiceSummary } from "../memory/mod.ts";
import {
  contextOperation,
  driftOperation,
  historyOperation,
  servicesOperation,
} from "../surface/mod.ts";
import { badge, duration, percent, when } from "./_figures.ts";
import { type Html, page } from "./_layout.ts";
import { read, type ReadDeps, readOrProblem } from "./_read.ts";

/** One row of the page, as read from the catalogue. */
export interface ServiceRow {
  summary: ServiceSummary;
  context: DeployContext;
  last?: DeployRecord | undefined;
  drift: { drifted: number; total: number } | { problem: string };
}

/** Every service memory knows, all pages of the `services` operation. */
export async function allServices(deps: ReadDeps): Promise<ServiceSummary[]> {
  const all: ServiceSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(deps, servicesOperation, { limit: 200, cursor });
    all.push(...page.services);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

async function rowOf(deps: ReadDeps, summary: ServiceSummary): Promise<ServiceRow> {
  const service = summary.service;
  const [context, history, drift] = await Promise.all([
    read(deps, contextOperation, { service }),
    read(deps, historyOperation, { service, limit: 1 }),
    readOrProblem(deps, driftOperation, { service }),
  ]);
  return {
    summary,
    context,
    last: history.deploys[0],
    drift: "value" in drift
      ? { drifted: drift.value.drifted, total: drift.value.resources.length }
      : drift,
  };
}

/** The rows of the Services page, one per service, read in parallel. */
export async function serviceRows(deps: ReadDeps): Promise<ServiceRow[]> {
  return await Promise.all((await allServices(deps)).map((s) => rowOf(deps, s)));
}

function lastDeployCell(last: DeployRecord | undefined): Html {
  if (last === undefined) return html`none`;
  const how = [last.operation ?? "deploy", last.trigger ? `trigger ${last.trigger}` : ""]
    .filter(Boolean).join(", ");
  return html`${badge(last.status)} ${last.strategy} · ${when(last.finishedAt)}
<br><small>${how}${
    last.source
      ? html`
        · ${last.source.commit.slice(0, 8)}
      `
      : ""
  }</small>`;
}

function driftCell(drift: ServiceRow["drift"]): Html {
  if ("problem" in drift) return html`<span class="muted" title="${drift.problem}">unknown</span>`;
  return drift.drifted === 0
    ? html`<span class="badge status-completed">in sync</span>`
    : html`<span class="badge status-failed">${drift.drifted} of ${drift.total} drifted</span>`;
}

function row(r: ServiceRow): Html {
  const name = r.summary.service;
  return html`
    <tr data-service="${name}">
      <th scope="row"><a href="/services/${name}">${name}</a></th>
      <td>${r.summary.namespaces.join(", ")}</td>
      <td>${lastDeployCell(r.last)}</td>
      <td>${r.context.recommendedStrategy}<br><small>${r.context.reasons[0] ?? ""}</small></td>
      <td class="num" data-figure="cfr">${percent(r.context.dora.changeFailureRate)}</td>
      <td class="num" data-figure="mttr">${duration(
        r.context.dora.failedDeploymentRecoveryTimeMs,
      )}</td>
      <td>${driftCell(r.drift)}</td>
    </tr>
  `;
}

/** The page. */
export function servicesPage(rows: readonly ServiceRow[], after: number): Html {
  const body = rows.length === 0
    ? html`<p>Memory knows no service yet: deploy one with <code>nopea deploy</code>.</p>`
    : html`
      <table class="services">
        <caption>Change failure rate and recovery time (MTTR) over the last 30 days</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Namespaces</th>
            <th scope="col">Last deploy</th>
            <th scope="col">Recommended strategy</th>
            <th scope="col">Change failure rate</th>
            <th scope="col">MTTR</th>
            <th scope="col">Drift</th>
          </tr>
        </thead>
        <tbody>${rows.map(row)}</tbody>
      </table>
    `;
  return page(
    "Services",
    html`
      <h1>Services</h1>${body}<section id="live" class="live" data-after="${after}" hidden>
        <h2>Live</h2>
        <ol></ol>
      </section>
    `,
    { section: "services" },
  );
}
