/** Reading a request's JSON object body, and refusing manifests given as server file paths. */
import { isPlainObject } from "../manifests/mod.ts";
import { type ErrorBody, NopeaError } from "../shared/mod.ts";
import { excerpt } from "./_excerpt.ts";

/** Whether a content-type is `application/json` (any parameters). */
export function isJson(type: string | undefined): boolean {
  return (type ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * Why a body cannot be read as JSON by its declared type, or undefined when it can: a non-empty
 * body must say `application/json` (any parameters). Forms and `text/plain`, the bodies a web page
 * may send to another site without asking it first, never reach an operation (415). Decided on
 * the body read, so a bodiless POST (`curl -X POST`, promote) needs no content-type.
 */
export function unsupportedBody(type: string | undefined, text: string): ErrorBody | undefined {
  if (text.trim() === "" || isJson(type)) return undefined;
  const given = type === undefined ? "no content-type" : `content-type ${excerpt(type)}`;
  return {
    code: "SPEC_INVALID",
    message: `Unsupported media type: a request body must be JSON, got ${given}`,
    hint: "Send the body as a JSON object with the header content-type: application/json",
  };
}

/** Parses a body as JSON of any kind; an empty body is refused. */
export function parseJsonBody(text: string, route: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = text.trim() === "" ? ": it is empty" : `: it is not valid JSON${where(error)}`;
    throw new NopeaError("SPEC_INVALID", `Cannot read the body of ${route}${why}`, {
      hint: "Send JSON, with the header content-type: application/json",
    });
  }
}

/** Parses a body as a JSON object; an empty body is `{}`. */
export function parseJsonObject(text: string, route: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  const value = parseJsonBody(text, route);
  if (!isPlainObject(value)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot read the body of ${route}: expected a JSON object, got ${kindOf(value)}`,
      { hint: 'Send the input fields as one object, e.g. {"service": "web", ...}' },
    );
  }
  return value;
}

/** Where JSON.parse stopped, without the parser's own text (it quotes the body). */
function where(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return ` (line ${line[1]}, column ${line[2]})`;
  const position = /at position (\d+)/.exec(message);
  if (position) return ` (at character ${Number(position[1]) + 1})`;
  return /end of (JSON )?input/i.test(message) ? " (it ends too early)" : "";
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/**
 * HTTP callers are remote: a `manifests` array of strings would make the server read its own
 * files for them, so only YAML/JSON text and objects are accepted.
 */
export function refuseManifestPaths(input: Readonly<Record<string, unknown>>, route: string): void {
  const manifests = input["manifests"];
  if (!Array.isArray(manifests) || !manifests.some((m) => typeof m === "string")) return;
  throw new NopeaError(
    "SPEC_INVALID",
    `Invalid input for ${route}: manifests given as file paths are not accepted over HTTP`,
    {
      hint:
        "Send the manifests as YAML/JSON text or as an array of objects (e.g. the output of `cat app.yaml`)",
    },
  );
}
