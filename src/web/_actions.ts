/**
 * Promote, rollback and heal from the web view. As MCP does, a destructive operation first shows
 * its plan and asks; only the confirming form runs it. It then runs in the background, its
 * progress going to the live hub, and the browser goes back to the service's page.
 */
import { html } from "hono/html";
import {
  type AnyOperation,
  contextOperation,
  driftOperation,
  healOperation,
  parseInput,
  promoteOperation,
  rollbackOperation,
} from "../surface/mod.ts";
import { type Html, page } from "./_layout.ts";
import { read, type ReadDeps, readOrProblem } from "./_read.ts";

/** The actions of a service's page, by the name in their path. */
export const ACTIONS: Readonly<Record<string, AnyOperation>> = {
  rollback: rollbackOperation,
  promote: promoteOperation,
  heal: healOperation,
};

/** The operation's input for a service. */
function inputOf(action: string, service: string): Record<string, unknown> {
  return action === "promote" ? { target: service } : { service };
}

/** What the action would do, in sentences (the plan shown before asking). */
async function planOf(deps: ReadDeps, action: string, service: string): Promise<string[]> {
  if (action === "heal") {
    const drift = await readOrProblem(deps, driftOperation, { service });
    if ("problem" in drift) return [`Drift cannot be measured now: ${drift.problem}`];
    const drifted = drift.value.resources.filter((r) => r.drift !== "no_drift");
    return [
      `${drift.value.drifted} of ${drift.value.resources.length} objects drifted; heal ` +
      "re-applies those someone changed or deleted from the last completed deploy.",
      ...drifted.map((r) => `${r.key}: ${r.drift}`),
    ];
  }
  const context = await read(deps, contextOperation, { service });
  const latest = context.recentDeploys[0];
  const what = latest ? `its latest deploy ${latest.deployId} (${latest.status})` : "no deploy";
  return action === "rollback"
    ? [`Re-applies the last completed deploy of ${service} before ${what}.`]
    : [`Promotes ${what} of ${service} to all traffic.`];
}

/** The confirmation page: the plan, then "Yes" (posts `confirm=yes`) or "Cancel". */
export async function confirmPage(deps: ReadDeps, action: string, service: string): Promise<Html> {
  const op = ACTIONS[action]!;
  const plan = await planOf(deps, action, service);
  return page(
    `${op.title}: ${service}`,
    html`
      <h1>${op.title}: ${service}?</h1>
      <ul class="plan">${plan.map((line) => html`<li>${line}</li>`)}</ul>
      <form method="post" action="/services/${service}/${action}">
        <input type="hidden" name="confirm" value="yes">
        <button type="submit" class="danger" autofocus>Yes, ${action} ${service}</button>
        <a href="/services/${service}">Cancel</a>
      </form>
    `,
  );
}

/**
 * Starts the action in the background on the live engine, which tells the hub how it goes.
 *
 * @throws {NopeaError} `SPEC_INVALID` at once for an invalid service name
 */
export function startAction(deps: ReadDeps, action: string, service: string): void {
  const op = ACTIONS[action]!;
  const input = parseInput(op, inputOf(action, service));
  // The outcome (or the fault) reaches the page through the hub; nothing else waits for it.
  op.run(deps.engine, input, deps.ctx).catch(() => {});
}
