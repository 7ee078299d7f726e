/** The panels of a service's page: timeline, DORA, failure patterns, links, last diff and drift. */
import { html } from "hono/html";
import type { DeployRecord } from "../deploys/mod.ts";
import type { DeployContext } from "../memory/mod.ts";
import { badge, deploysByWeek, duration, jsonScript, percent, when } from "./_figures.ts";
import type { Html } from "./_layout.ts";

/** The timeline chart's data (drawn by uPlot) and the same deploys as a table. */
export function timelinePanel(deploys: readonly DeployRecord[]): Html {
  const points = [...deploys].reverse().map((d) => ({
    t: Date.parse(d.finishedAt) / 1000,
    ms: d.durationMs,
    status: d.status,
    strategy: d.strategy,
    id: d.deployId,
  }));
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Deploy timeline</h2>
<div id="timeline" class="chart" role="img"
 aria-label="Each deploy by time and duration, coloured by outcome; canary and blue-green deploys ringed"></div>
${jsonScript("timeline-data", points)}
<table class="deploys"><caption>Deploys, newest first</caption>
<thead><tr><th scope="col">Finished</th><th scope="col">Status</th><th scope="col">Strategy</th>
<th scope="col">Operation</th><th scope="col">Duration</th><th scope="col">Error class</th></tr></thead>
<tbody>${
    deploys.map((d) =>
      html`
        <tr data-deploy="${d.deployId}">
          <td>${when(d.finishedAt)}</td>
          <td>${badge(d.status)}</td>
          <td>${d.strategy}</td>
          <td>${d.operation ?? "deploy"}${d.rollbackOf
            ? html`
              of <code>${d.rollbackOf}</code>
            `
            : ""}</td>
          <td class="num">${duration(d.durationMs)}</td>
          <td>${d.error?.errorClass ?? ""}</td>
        </tr>
      `
    )
  }</tbody></table></section>`;
}

/** DORA figures now, and deploys week by week. */
export function doraPanel(context: DeployContext, deploys: readonly DeployRecord[]): Html {
  const d = context.dora;
  return html`
    <section aria-labelledby="dora-h">
      <h2 id="dora-h">DORA (last ${d.windowDays} days)</h2>
      <dl class="figures">
        <div>
          <dt>Deploys</dt>
          <dd data-figure="deploys">${d.deploys}</dd>
        </div>
        <div>
          <dt>Per day</dt>
          <dd data-figure="frequency">${d.deploymentFrequency}</dd>
        </div>
        <div>
          <dt>Change failure rate</dt>
          <dd data-figure="cfr">${percent(d.changeFailureRate)}</dd>
        </div>
        <div>
          <dt>Recovery time</dt>
          <dd data-figure="mttr">${duration(d.failedDeploymentRecoveryTimeMs)}</dd>
        </div>
        <div>
          <dt>Rework rate</dt>
          <dd data-figure="rework">${percent(d.deploymentReworkRate)}</dd>
        </div>
      </dl>
      <table>
        <caption>Week by week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Deploys</th>
            <th scope="col">Failed</th>
            <th scope="col">Failure rate</th>
            <th scope="col">Median duration</th>
          </tr>
        </thead>
        <tbody>${deploysByWeek(deploys).map((w) =>
          html`
            <tr>
              <td>${w.week}</td>
              <td class="num">${w.deploys}</td>
              <td class="num">${w.failed}</td>
              <td class="num">${percent(w.failureRate)}</td>
              <td class="num">${duration(w.medianMs)}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </section>
  `;
}

/** Learned failure patterns: confidence, how often, when last, and the evidence. */
export function patternsPanel(context: DeployContext): Html {
  const rows = context.failurePatterns.map((p) =>
    html`
      <tr data-error-class="${p.errorClass}">
        <th scope="row">${p.errorClass}</th>
        <td><meter min="0" max="1" value="${p.confidence}">${percent(p.confidence)}</meter>
      ${percent(p.confidence)}</td>
        <td class="num">${p.timesSeen}</td>
        <td>${when(p.lastSeen)}</td>
        <td>
          <ol class="evidence">${p.evidence.map((e) => html`<li>${e}</li>`)}</ol>
        </td>
      </tr>
    `
  );
  return html`<section aria-labelledby="patterns-h"><h2 id="patterns-h">Failure patterns</h2>${
    rows.length === 0 ? html`<p>None learned.</p>` : html`
      <table>
        <thead>
          <tr>
            <th scope="col">Error class</th>
            <th scope="col">Confidence</th>
            <th scope="col">Seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">Evidence (oldest first)</th>
          </tr>
        </thead>
        <tbody>${rows}</tbody>
      </table>
    `
  }</section>`;
}
