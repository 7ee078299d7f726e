/** A service's page: what memory recommends, its timeline, DORA, patterns, links and drift. */
import { html } from "hono/html";
import type { DeployRecord } from "../deploys/mod.ts";
import type { DriftReport } from "../engine/mod.ts";
import type { DeployContext } from "../memory/mod.ts";
import { contextOperation, driftOperation, historyOperation } from "../surface/mod.ts";
import { type Html, page } from "./_layout.ts";
import type { SentMessage } from "./_live.ts";
import { read, type ReadDeps, readOrProblem } from "./_read.ts";
import { driftPanel, linksPanel } from "./_service_links.ts";
import { doraPanel, patternsPanel, timelinePanel } from "./_service_panels.ts";

/** What a service's page shows, as read from the catalogue. */
export interface ServiceView {
  context: DeployContext;
  deploys: DeployRecord[];
  drift: DriftReport | string;
}

/** Deploys shown on the timeline at most, newest first. */
const TIMELINE_LIMIT = 200;

/** Reads a service's page through the catalogue (context, history, drift). */
export async function readService(deps: ReadDeps, service: string): Promise<ServiceView> {
  const [context, history, drift] = await Promise.all([
    read(deps, contextOperation, { service }),
    read(deps, historyOperation, { service, limit: TIMELINE_LIMIT }),
    readOrProblem(deps, driftOperation, { service }),
  ]);
  return {
    context,
    deploys: history.deploys,
    drift: "value" in drift ? drift.value : drift.problem,
  };
}

function actionForm(service: string, action: string, label: string, note: string): Html {
  return html`<form method="post" action="/services/${service}/${action}">
<button type="submit" title="${note}">${label}</button></form>`;
}

function actions(view: ServiceView): Html {
  const service = view.context.service;
  const progressing = view.deploys[0]?.status === "progressing";
  return html`
    <section aria-labelledby="actions-h">
      <h2 id="actions-h">Actions</h2>
      <p class="hint">Each asks for confirmation first, showing what it would do.</p>
      <div class="actions">
    ${actionForm(service, "rollback", "Roll back…", "back to the last good deploy")}
    ${progressing
      ? actionForm(service, "promote", "Promote…", "the canary or preview to all traffic")
      : ""}
    ${actionForm(service, "heal", "Heal drift…", "re-apply what someone changed by hand")}
      </div>
    </section>
  `;
}

function liveSection(service: string, recent: readonly SentMessage[], after: number): Html {
  return html`
    <section id="live" aria-labelledby="live-h" class="live" data-service="${service}"
      data-after="${after}">
      <h2 id="live-h">Live</h2>
      <p class="hint">Progress of the operations started here.</p>
      <ol aria-live="polite">${recent.map((m) =>
        html`<li class="${m.outcome === undefined ? "" : "finished"}">${m.line}</li>`
      )}</ol>
    </section>
  `;
}

/** The page. */
export function servicePage(
  view: ServiceView,
  live: { recent: readonly SentMessage[]; after: number },
): Html {
  const c = view.context;
  return page(
    c.service,
    html`<h1>${c.service}</h1>
<p>Namespaces: ${c.namespaces.join(", ") || "none"} ·
<a href="/graph?service=${c.service}">graph</a></p>
<section aria-labelledby="rec-h"><h2 id="rec-h">Next deploy</h2>
<p>Memory recommends <strong data-figure="strategy">${c.recommendedStrategy}</strong>:</p>
<ul>${c.reasons.map((r) => html`<li>${r}</li>`)}</ul>
${c.recommendations.map((r) => html`<p class="warning">${r}</p>`)}</section>
${actions(view)}
${liveSection(c.service, live.recent, live.after)}
${timelinePanel(view.deploys)}
${doraPanel(c, view.deploys)}
${patternsPanel(c)}
${linksPanel(c)}
${driftPanel(view.deploys[0], view.drift)}`,
    { section: "services", scripts: ["uplot.js"], styles: ["uplot.css"] },
  );
}
