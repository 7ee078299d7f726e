/** Request bodies: content-type dispatch and decoding (JSON, or YAML for apply patches). */
import { parse as parseYaml } from "yaml";
import type { PatchType } from "../api_types.ts";
import type { JsonObject } from "../types.ts";
import { badRequest, unsupportedMediaType } from "./_status.ts";

/** How a body is decoded. */
export type BodyFormat = "json" | "yaml";

const PATCH_TYPES: Readonly<Record<string, PatchType>> = {
  "application/apply-patch+yaml": "apply",
  "application/merge-patch+json": "merge",
  "application/json-patch+json": "json",
  "application/strategic-merge-patch+json": "strategic",
};
const WRITE_TYPES: Readonly<Record<string, BodyFormat>> = {
  "application/json": "json",
  "application/yaml": "yaml",
};

/** The media type of a Content-Type header, without parameters, lower-cased. */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The body format of a POST or PUT (JSON when no Content-Type is sent); 415 otherwise. */
export function writeFormat(contentType: string | null): BodyFormat {
  const type = mediaType(contentType);
  if (type === "") return "json";
  const format = WRITE_TYPES[type];
  if (!format) throw unsupportedMediaType(Object.keys(WRITE_TYPES), type);
  return format;
}

/** The patch type of a PATCH's Content-Type; 415 UnsupportedMediaType otherwise. */
export function patchTypeOf(contentType: string | null): PatchType {
  const type = PATCH_TYPES[mediaType(contentType)];
  if (!type) throw unsupportedMediaType(Object.keys(PATCH_TYPES));
  return type;
}

/** The format a patch body is decoded with (apply bodies may be YAML or JSON). */
export function patchFormat(type: PatchType): BodyFormat {
  return type === "apply" ? "yaml" : "json";
}

function decode(text: string, format: BodyFormat): unknown {
  try {
    return format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw badRequest(
      format === "json"
        ? `couldn't decode the request body as JSON: ${detail}`
        : `error converting YAML to JSON: ${detail}`,
    );
  }
}

/** Reads and decodes the body; `undefined` when it is empty. Malformed bodies are 400. */
export async function readBody(req: Request, format: BodyFormat): Promise<unknown> {
  let text: string;
  try {
    text = await req.text();
  } catch (e) {
    throw badRequest(`cannot read the request body: ${e instanceof Error ? e.message : e}`);
  }
  return text.trim() === "" ? undefined : decode(text, format);
}

/** Narrows a decoded body to an object; 400 BadRequest otherwise. */
export function requireObject(value: unknown, what: string): JsonObject {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  throw badRequest(
    value === undefined
      ? `${what}: the request body is empty`
      : `${what}: the body must be an object`,
  );
}
