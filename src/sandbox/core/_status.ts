/** StatusError factories worded exactly as kube-apiserver words its failures. */
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";

/** One field error of a 422 Invalid (`field.Error`). */
export interface FieldCause {
  reason:
    | "FieldValueRequired"
    | "FieldValueInvalid"
    | "FieldValueForbidden"
    | "FieldValueDuplicate"
    | "FieldValueNotSupported"
    | "FieldValueTooLong";
  field: string;
  /** The error body without the field, e.g. `Required value` or `Invalid value: "x": why`. */
  message: string;
}

/** `deployments.apps`, or `configmaps` for the core group. */
export function qualifiedResource(type: Pick<ResourceType, "group" | "plural">): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function resourceDetails(
  type: Pick<ResourceType, "group" | "plural">,
  name: string,
): JsonObject {
  return { name, ...(type.group ? { group: type.group } : {}), kind: type.plural };
}

/** 404 for a path the server does not serve (unknown group, version or resource). */
export function resourceNotFound(): StatusError {
  return new StatusError(404, "NotFound", "the server could not find the requested resource", {});
}

/** 404 `deployments.apps "x" not found`. */
export function notFound(type: Pick<ResourceType, "group" | "plural">, name: string): StatusError {
  const message = `${qualifiedResource(type)} "${name}" not found`;
  return new StatusError(404, "NotFound", message, resourceDetails(type, name));
}

/** 404 `namespaces "x" not found`. */
export function namespaceNotFound(namespace: string): StatusError {
  return notFound({ group: "", plural: "namespaces" }, namespace);
}

/** 409 `deployments.apps "x" already exists`. */
export function alreadyExists(type: ResourceType, name: string): StatusError {
  const message = `${qualifiedResource(type)} "${name}" already exists`;
  return new StatusError(409, "AlreadyExists", message, resourceDetails(type, name));
}

/** 409 optimistic-concurrency failure (stale `metadata.resourceVersion`). */
export function staleConflict(type: ResourceType, name: string): StatusError {
  const message = `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ` +
    "the object has been modified; please apply your changes to the latest version and try again";
  return new StatusError(409, "Conflict", message, resourceDetails(type, name));
}

/** 400 BadRequest with a free-form message. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(): StatusError {
  return new StatusError(
    405,
    "MethodNotAllowed",
    "the server does not allow this method on the requested resource",
  );
}

/** 403 Forbidden for an object the server protects. */
export function forbidden(type: ResourceType, name: string, why: string): StatusError {
  const message = `${qualifiedResource(type)} "${name}" is forbidden: ${why}`;
  return new StatusError(403, "Forbidden", message, resourceDetails(type, name));
}

/** 410 Expired: a watch or continue token older than the event log. */
export function expired(requested: number, oldest: number): StatusError {
  return new StatusError(
    410,
    "Expired",
    `too old resource version: ${requested} (${oldest})`,
  );
}

/** 422 Invalid: `Deployment.apps "x" is invalid: <field>: <error>` (several in brackets). */
export function invalid(
  gk: { group: string; kind: string },
  name: string,
  causes: readonly FieldCause[],
): StatusError {
  const errors = causes.map((c) => `${c.field}: ${c.message}`);
  const list = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  const qualified = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  return new StatusError(422, "Invalid", `${qualified} "${name}" is invalid: ${list}`, {
    name,
    ...(gk.group ? { group: gk.group } : {}),
    kind: gk.kind,
    causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

/** Renders a value as Go's `%q`/`%v` would inside `Invalid value: ...`. */
export function goValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    const inner = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return `map[string]string{${inner.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** A FieldValueInvalid cause. */
export function invalidValue(field: string, value: unknown, detail: string): FieldCause {
  return {
    reason: "FieldValueInvalid",
    field,
    message: `Invalid value: ${goValue(value)}: ${detail}`,
  };
}

/** A FieldValueRequired cause. */
export function required(field: string, detail = ""): FieldCause {
  return {
    reason: "FieldValueRequired",
    field,
    message: detail ? `Required value: ${detail}` : "Required value",
  };
}
