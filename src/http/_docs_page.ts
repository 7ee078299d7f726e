/** The `/docs` page: the OpenAPI document rendered as plain HTML on the server (no scripts, no CDN). */
import type { OpenApiDocument } from "./openapi.ts";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

interface OperationView {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

function schemaText(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema, null, 2));
}

function parameterRows(op: OperationView): string {
  const rows = (op.parameters ?? []).map((p) =>
    `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>` +
    `<td>${p.required ? "yes" : "no"}</td><td><code>${
      escapeHtml(JSON.stringify(p.schema))
    }</code></td></tr>`
  );
  if (rows.length === 0) return "";
  return `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>` +
    `${rows.join("")}</table>`;
}

function operationSection(method: string, path: string, op: OperationView): string {
  const body = op.requestBody?.content?.["application/json"]?.schema;
  return `<section id="${escapeHtml(op.operationId ?? path)}">` +
    `<h2><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></h2>` +
    `<p><strong>${escapeHtml(op.summary)}</strong></p>` +
    (op.description ? `<p>${escapeHtml(op.description)}</p>` : "") +
    parameterRows(op) +
    (body === undefined
      ? ""
      : `<details><summary>JSON body schema</summary><pre>${schemaText(body)}</pre></details>`) +
    `</section>`;
}

const STYLE = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;" +
  "padding:0 1rem;line-height:1.5}code,pre{font-family:ui-monospace,monospace}" +
  "pre{background:#f4f4f4;padding:.5rem;overflow:auto}table{border-collapse:collapse}" +
  "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}";

/**
 * The HTML page of an OpenAPI document: one section per operation with its parameters and body
 * schema, and a link to `/openapi.json`. Every value is escaped.
 */
export function docsPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) =>
      operationSection(method, path, op as OperationView)
    )
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(doc.info.title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</h1>` +
    `<p>${escapeHtml(doc.info.description)}</p>` +
    `<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send the key ` +
    `as <code>Authorization: Bearer &lt;key&gt;</code> or <code>x-api-key</code>.</p>` +
    `${sections.join("\n")}</body></html>`;
}
