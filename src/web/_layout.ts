/** The page around every view: head, navigation, the live region; and the response headers. */
import type { Context } from "hono";
import { html } from "hono/html";
import { assetPath } from "./_assets.ts";

/** Server-rendered HTML, escaped where interpolated (hono's `html` template). */
export type Html = ReturnType<typeof html>;

/** Where a page sits in the navigation. */
export type Section = "services" | "graph" | "none";

/** What a page adds to the shell: its section and the extra scripts or style sheets it needs. */
export interface PageOptions {
  section?: Section;
  /** Classic scripts from `/ui/assets` (e.g. `uplot.js`), loaded before the page's module. */
  scripts?: readonly string[];
  styles?: readonly string[];
}

/**
 * What keeps other sites and injected content out: only this server's files run, the page is
 * never framed, forms post only here, and the browser never guesses a type.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; " +
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; " +
    "base-uri 'none'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};

function navLink(href: string, label: string, current: boolean): Html {
  return current
    ? html`<a href="${href}" aria-current="page">${label}</a>`
    : html`<a href="${href}">${label}</a>`;
}

/** A whole page: `title`, then `body` in `<main>`. */
export function page(title: string, body: Html, options: PageOptions = {}): Html {
  const section = options.section ?? "none";
  return html`
    <!doctype html>
    <html lang="en">
      <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>${title} · Nopea</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${assetPath("style.css")}">
    ${(options.styles ?? []).map((s) => html`<link rel="stylesheet" href="${assetPath(s)}">`)}
    ${(options.scripts ?? []).map((s) => html`<script src="${assetPath(s)}" defer></script>`)}
    <script type="module" src="${assetPath("app.js")}"></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <nav aria-label="Main">
    <strong class="brand">Nopea</strong>
    ${navLink("/", "Services", section === "services")}
    ${navLink("/graph", "Graph", section === "graph")}
          </nav>
        </header>
        <main id="main" tabindex="-1">
    ${body}
        </main>
        <footer><small>Served by nopea. Licences: <a href="/ui/assets/cytoscape-license.txt">cytoscape</a>,
    <a href="/ui/assets/uplot-license.txt">uPlot</a>.</small></footer>
      </body>
    </html>
  `;
}

/** Answers with a page and the security headers. */
export async function respond(
  c: Context,
  body: Html,
  status: 200 | 400 | 401 | 403 | 404 | 413 = 200,
) {
  return c.html(await body, status, SECURITY_HEADERS);
}

/** A page that says what went wrong and what to do, for faults met while rendering. */
export function problemPage(title: string, message: string, hint: string): Html {
  return page(
    title,
    html`
      <h1>${title}</h1>
      <p role="alert">${message}</p>
      <p class="hint">${hint}</p>
      <p><a href="/">Back to the services</a></p>
    `,
  );
}
