/** Request bodies: content-type dispatch and decoding (JSON, or YAML for apply patches). */
import { parse as parseYaml } from "yaml";
import type { PatchType } from "../api_types.ts";
import type { JsonObject } from "../types.ts";
import { decodeProtobuf, loadKubernetesProto, PROTOBUF } from "./_protobuf.ts";
import { badRequest, unsupportedMediaType } from "./_status.ts";

/** How a body is decoded. */
export type BodyFormat = "json" | "yaml" | "protobuf";

const PATCH_TYPES: Readonly<Record<string, PatchType>> = {
  "application/apply-patch+yaml": "apply",
  "application/merge-patch+json": "merge",
  "application/json-patch+json": "json",
  "application/strategic-merge-patch+json": "strategic",
};
const WRITE_TYPES: Readonly<Record<string, BodyFormat>> = {
  "application/json": "json",
  "application/yaml": "yaml",
  [PROTOBUF]: "protobuf",
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

/**
 * YAML text that is a JSON object (what kubectl and Nopea send as apply patches) parses as JSON:
 * the same value, without the YAML parser's cost on the request path. `undefined` otherwise.
 */
function jsonInYaml(text: string): unknown {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // flow-style YAML, or malformed: the YAML parser decides
  }
}

function decode(text: string, format: BodyFormat): unknown {
  try {
    return format === "json" ? JSON.parse(text) : jsonInYaml(text) ?? parseYaml(text);
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
  if (format === "protobuf") return await readProtobuf(req);
  let text: string;
  try {
    text = await req.text();
  } catch (e) {
    throw badRequest(`cannot read the request body: ${e instanceof Error ? e.message : e}`);
  }
  return text.trim() === "" ? undefined : decode(text, format);
}

async function readProtobuf(req: Request): Promise<JsonObject | undefined> {
  await loadKubernetesProto();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await req.arrayBuffer());
  } catch (e) {
    throw badRequest(`cannot read the request body: ${e instanceof Error ? e.message : e}`);
  }
  return bytes.length === 0 ? undefined : decodeProtobuf(bytes);
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
