/** The panels of a service's page about its neighbours and its objects: links, diff, drift. */
import { html } from "hono/html";
import type { DeployRecord } from "../deploys/mod.ts";
import type { DriftReport } from "../engine/mod.ts";
import type { DeployContext } from "../memory/mod.ts";
import type { Html } from "./_layout.ts";

function links(title: string, list: DeployContext["dependencies"]): Html {
  return html`<div><h3>${title}</h3>${
    list.length === 0
      ? html`<p>None.</p>`
      : html`<ul>${
        list.map((l) =>
          html`<li><a href="/services/${l.service}">${l.service}</a> (weight ${
            l.weight.toFixed(2)
          })</li>`
        )
      }</ul>`
  }</div>`;
}

/** Services this one depends on, and the ones depending on it. */
export function linksPanel(context: DeployContext): Html {
  return html`<section aria-labelledby="links-h" class="columns"><h2 id="links-h">Dependencies</h2>
${links("Depends on", context.dependencies)}${
    links("Depended on by", context.dependents)
  }</section>`;
}

/** What the last deploy changed, and live drift against it. */
export function driftPanel(last: DeployRecord | undefined, drift: DriftReport | string): Html {
  const changed = (last?.resources ?? []).filter((r) => r.action !== "unchanged");
  const report = typeof drift === "string"
    ? html`<p class="muted">Drift unknown: ${drift}</p>`
    : html`<p data-figure="drifted">${drift.drifted} of ${drift.resources.length} objects drifted</p>
<ul>${
      drift.resources.filter((r) => r.drift !== "no_drift").map((r) =>
        html`<li><code>${r.key}</code> ${r.drift}: ${r.fields.map((f) => f.path).join(", ")}</li>`
      )
    }</ul>`;
  return html`<section aria-labelledby="drift-h"><h2 id="drift-h">Last diff and drift</h2>
<h3>Last deploy changed</h3>${
    changed.length === 0
      ? html`<p>Nothing.</p>`
      : html`<ul>${changed.map((r) => html`<li>${r.action} <code>${r.key}</code></li>`)}</ul>`
  }<h3>Live drift</h3>${report}</section>`;
}
