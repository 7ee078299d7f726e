/** The routes of the pages and the actions, with faults answered as pages. */
import type { Context, Hono } from "hono";
import { NopeaError, toErrorBody } from "../shared/mod.ts";
import { ACTIONS, confirmPage, startAction } from "./_actions.ts";
import { type Html, problemPage, respond } from "./_layout.ts";
import type { LiveHub } from "./_live.ts";
import type { ReadDeps } from "./_read.ts";
import type { WebSessions } from "./_session.ts";
import { graphPage, type GraphQuery, readGraph } from "./page_graph.ts";
import { readService, servicePage } from "./page_service.ts";
import { allServices, serviceRows, servicesPage } from "./page_services.ts";

/** What the routes use. */
export interface PageDeps {
  read: ReadDeps;
  hub: LiveHub;
  sessions: WebSessions;
}

/** Largest form body accepted, in bytes. */
const FORM_LIMIT = 16 * 1024;

const STATUS: Readonly<Record<string, 400 | 401 | 403 | 404>> = {
  SPEC_INVALID: 400,
  SERVICE_NOT_FOUND: 404,
  DEPLOY_NOT_FOUND: 404,
};

/** Runs `render`, answering a fault with a page that says what went wrong and what to do. */
export async function rendered(c: Context, render: () => Promise<Html> | Html): Promise<Response> {
  try {
    return await respond(c, await render());
  } catch (error) {
    const body = toErrorBody(error);
    const status = STATUS[body.code];
    const page = problemPage(
      status === 404 ? "Not found" : "Cannot show this page",
      body.message,
      body.hint ?? "Go back to the services and try again",
    );
    return status === undefined ? c.html(await page, 500) : await respond(c, page, status);
  }
}

function refusal(status: 401 | 403 | 413, message: string, hint: string): never {
  throw Object.assign(new NopeaError("SPEC_INVALID", message, { hint }), { status });
}

/** Checks an action request: the deploy scope, a known action, a small form. */
function checkAction(c: Context, deps: PageDeps, action: string): void {
  const scope = deps.sessions.scopeOf(c);
  if (scope === undefined) {
    refusal(401, "Not logged in: this server requires its key", "Log in at /ui/login first");
  }
  if (scope !== "deploy") {
    refusal(403, "This key is read-only: it runs no action", "Log in with the deploy key");
  }
  if (ACTIONS[action] === undefined) {
    throw new NopeaError("SPEC_INVALID", `No action "${action}"`, {
      hint: `Use one of ${Object.keys(ACTIONS).join(", ")}`,
    });
  }
  if (Number(c.req.header("content-length") ?? 0) > FORM_LIMIT) {
    refusal(413, `Form too large: the limit is ${FORM_LIMIT} bytes`, "Send the form as is");
  }
}

async function action(c: Context, deps: PageDeps): Promise<Response> {
  const { name, action } = c.req.param() as { name: string; action: string };
  try {
    checkAction(c, deps, action);
  } catch (error) {
    const status = (error as { status?: 401 | 403 | 413 }).status;
    if (status === undefined) return await rendered(c, () => Promise.reject(error));
    const body = toErrorBody(error);
    return await respond(c, problemPage("Refused", body.message, body.hint ?? ""), status);
  }
  const form = await c.req.parseBody();
  if (form["confirm"] !== "yes") {
    return await rendered(c, () => confirmPage(deps.read, action, name));
  }
  try {
    startAction(deps.read, action, name);
  } catch (error) {
    return await rendered(c, () => Promise.reject(error));
  }
  return c.redirect(`/services/${encodeURIComponent(name)}#live`, 303);
}

/** Adds the pages and the actions; `denied` answers requests without a key. */
export function mountPages(
  app: Hono,
  deps: PageDeps,
  denied: (c: Context) => Response | undefined,
): void {
  const { read, hub } = deps;
  app.get(
    "/",
    (c) =>
      denied(c) ?? rendered(c, async () => servicesPage(await serviceRows(read), hub.lastSeq())),
  );
  app.get("/graph", (c) =>
    denied(c) ?? rendered(c, async () => {
      const query: GraphQuery = c.req.query();
      const services = (await allServices(read)).map((s) => s.service);
      return graphPage(await readGraph(read, query), query, services);
    }));
  app.get("/services/:name", (c) =>
    denied(c) ?? rendered(c, async () => {
      const view = await readService(read, c.req.param("name"));
      const service = view.context.service;
      if (!view.context.known) {
        throw new NopeaError("SERVICE_NOT_FOUND", `Memory knows no service "${service}"`, {
          hint: "Pick one from the services list at /",
        });
      }
      return servicePage(view, { recent: hub.recent(service), after: hub.lastSeq() });
    }));
  app.post("/services/:name/:action", (c) => action(c, deps));
}
