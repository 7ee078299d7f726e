/**
 * @module
 * The web view of `nopea serve` (`nopea ui`): server-rendered pages of the services, one
 * service (timeline, DORA, failure patterns, links, drift, actions) and the knowledge graph,
 * with live progress over server-sent events. Data comes from the operation catalogue; the
 * browser files (cytoscape, uPlot) are served from the module graph itself.
 */
export { createWebApp, type WebAppOptions } from "./web_app.ts";
export { type LiveHub, liveHub, type LiveMessage, type SentMessage } from "./_live.ts";
export { liveEngine } from "./live_engine.ts";
