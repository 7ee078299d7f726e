/**
 * The browser files the web view serves, embedded in the module graph as text imports: the
 * pinned npm packages (cytoscape, uPlot) and our own script and style sheet. Being imports, they
 * are in `deno compile`'s binary too; nothing is fetched from a CDN.
 */
import cytoscape from "cytoscape/dist/cytoscape.esm.min.mjs" with { type: "text" };
import uplot from "uplot/dist/uPlot.iife.min.js" with { type: "text" };
import uplotCss from "uplot/dist/uPlot.min.css" with { type: "text" };
import uplotLicense from "uplot/LICENSE" with { type: "text" };
import cytoscapeLicense from "./static/cytoscape-LICENSE.txt" with { type: "text" };
import app from "./static/app.js" with { type: "text" };
import style from "./static/style.css" with { type: "text" };

/** One served file: its body, media type and a short hash of it (the cache-busting version). */
export interface Asset {
  readonly body: string;
  readonly type: string;
  readonly version: string;
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";
const TEXT = "text/plain; charset=utf-8";

/** A stable 32-bit FNV-1a hash of the text, in hex: enough to tell two versions apart. */
function versionOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

function asset(body: string, type: string): Asset {
  return { body, type, version: versionOf(body) };
}

/** Every served file, by the name it is served under (`/ui/assets/<name>`). */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ["app.js", asset(app, JS)],
  ["style.css", asset(style, CSS)],
  ["cytoscape.mjs", asset(cytoscape, JS)],
  ["uplot.js", asset(uplot, JS)],
  ["uplot.css", asset(uplotCss, CSS)],
  ["uplot-license.txt", asset(uplotLicense, TEXT)],
  ["cytoscape-license.txt", asset(cytoscapeLicense, TEXT)],
]);

/** The path of a served file, with its version so a new binary's files are never stale. */
export function assetPath(name: string): string {
  return `/ui/assets/${name}?v=${ASSETS.get(name)?.version ?? "0"}`;
}
