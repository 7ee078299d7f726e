/** JSON responses and the `Status` failures the HTTP door itself raises (kube-apiserver wording). */
import { type JsonObject, StatusError } from "../types.ts";

/** A JSON response with kube's content type. */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("cache-control", "no-cache, private");
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** The `Status` body of a failure, with its code. */
export function statusResponse(error: StatusError, headers: HeadersInit = {}): Response {
  return jsonResponse(error.toStatus(), error.code, headers);
}

/** 404 for a path no route serves. */
export function notFoundPath(): StatusError {
  return new StatusError(404, "NotFound", "the server could not find the requested resource");
}

/** 405 for a verb the route does not serve. */
export function methodNotAllowed(): StatusError {
  return new StatusError(
    405,
    "MethodNotAllowed",
    "the server does not allow this method on the requested resource",
  );
}

/** 400 for a body or parameter that cannot be decoded. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

/** 401 for a missing or wrong bearer token. */
export function unauthorized(): StatusError {
  return new StatusError(401, "Unauthorized", "Unauthorized");
}

/**
 * 415 for a content type the verb does not accept; `kind` names a kind sent in protobuf that the
 * sandbox has no protobuf definition for.
 */
export function unsupportedMediaType(
  accepted: readonly string[],
  sent = "",
  kind?: string,
): StatusError {
  const protobuf = !sent.includes("protobuf")
    ? ""
    : kind === undefined
    ? " (the sandbox reads protobuf only in creates and replaces of built-in kinds: " +
      "write the object as YAML and use `kubectl apply -f`)"
    : ` (the sandbox has no protobuf definition for ${kind}: ` +
      "write the object as YAML and use `kubectl apply -f`)";
  return new StatusError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${
      accepted.join(", ")
    }${protobuf}`,
  );
}

/** One field error of an options object (`CreateOptions`, `PatchOptions`, `DeleteOptions`). */
export interface OptionFieldError {
  field: string;
  reason:
    | "FieldValueNotSupported"
    | "FieldValueForbidden"
    | "FieldValueInvalid"
    | "FieldValueRequired";
  /** Detail after the field name, e.g. `Unsupported value: "x": supported values: "All"`. */
  detail: string;
}

/** 422 for invalid request options, as `errors.NewInvalid` renders them. */
export function invalidOptions(kind: string, errors: readonly OptionFieldError[]): StatusError {
  const list = errors.map((e) => `${e.field}: ${e.detail}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
  const details: JsonObject = {
    group: "meta.k8s.io",
    kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.detail, field: e.field })),
  };
  return new StatusError(
    422,
    "Invalid",
    `${kind}.meta.k8s.io "" is invalid: ${summary}`,
    details,
  );
}

/** Status code → reason, as `errors.NewGenericServerResponse` names them. */
const REASONS: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/** A `Status` failure for an arbitrary code (used by injected faults). */
export function statusForCode(code: number, message: string, details?: JsonObject): StatusError {
  return new StatusError(code, REASONS[code] ?? "Unknown", message, details);
}

/** Converts anything thrown while serving into a `StatusError` (unknown faults become 500). */
export function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new StatusError(500, "InternalError", `Internal error occurred: ${text}`, {
    causes: [{ message: text }],
  });
}
