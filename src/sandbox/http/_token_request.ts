/**
 * The ServiceAccount `token` subresource (`kubectl create token`): a POST of an
 * `authentication.k8s.io/v1` TokenRequest, answered with the sandbox's own bearer token. The
 * sandbox has one token and enforces no RBAC, so that token is the only one that authenticates
 * against it; the requested lifetime is reported in `status.expirationTimestamp` but not enforced.
 */
import type { SandboxApi } from "../api_types.ts";
import { type JsonObject, StatusError } from "../types.ts";
import { readBody, requireObject, writeFormat } from "./_body.ts";
import { jsonResponse, methodNotAllowed } from "./_status.ts";

/** `/api/v1/namespaces/<namespace>/serviceaccounts/<name>/token`. */
export interface TokenRequestRoute {
  kind: "token-request";
  namespace: string;
  name: string;
}

/** The lifetime of a token when the request names none (kube's default). */
export const DEFAULT_TOKEN_SECONDS = 3600;
const MIN_SECONDS = 600;
const MAX_SECONDS = 2 ** 32;
/** kube-apiserver's default `--api-audiences` (its service account issuer). */
const DEFAULT_AUDIENCES = ["https://kubernetes.default.svc.cluster.local"];

/** Resolves the token path from its segments (after the leading `/`), else `undefined`. */
export function tokenRequestRoute(parts: readonly string[]): TokenRequestRoute | undefined {
  const [root, version, namespaces, namespace, plural, name, sub, extra] = parts;
  if (root !== "api" || version !== "v1" || namespaces !== "namespaces") return undefined;
  if (plural !== "serviceaccounts" || sub !== "token" || extra !== undefined) return undefined;
  if (!namespace || !name) return undefined;
  return { kind: "token-request", namespace, name };
}

function invalidSeconds(name: string, seconds: unknown, detail: string): StatusError {
  const message = `Invalid value: ${JSON.stringify(seconds)}: ${detail}`;
  return new StatusError(
    422,
    "Invalid",
    `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: ${message}`,
    {
      name,
      group: "authentication.k8s.io",
      kind: "TokenRequest",
      causes: [{ reason: "FieldValueInvalid", message, field: "spec.expirationSeconds" }],
    },
  );
}

function lifetime(name: string, spec: JsonObject): number {
  const seconds = spec["expirationSeconds"] ?? DEFAULT_TOKEN_SECONDS;
  if (typeof seconds !== "number" || !Number.isInteger(seconds)) {
    throw invalidSeconds(name, seconds, "must be a whole number of seconds");
  }
  if (seconds < MIN_SECONDS) {
    throw invalidSeconds(name, seconds, "may not specify a duration less than 10 minutes");
  }
  if (seconds > MAX_SECONDS) {
    throw invalidSeconds(name, seconds, "may not specify a duration larger than 2^32 seconds");
  }
  return seconds;
}

/** What {@linkcode serveTokenRequest} needs from the server. */
export interface TokenIssuer {
  api: SandboxApi;
  /** The sandbox's bearer token: what the answer carries. */
  token: string;
  now(): number;
}

/** Serves a TokenRequest: 404 when the ServiceAccount does not exist, 201 with the token. */
export async function serveTokenRequest(
  issuer: TokenIssuer,
  req: Request,
  route: TokenRequestRoute,
): Promise<Response> {
  if (req.method !== "POST") throw methodNotAllowed();
  const { namespace, name } = route;
  issuer.api.get({ group: "", version: "v1", plural: "serviceaccounts", namespace, name });
  const format = writeFormat(req.headers.get("content-type"));
  const body = requireObject(await readBody(req, format) ?? {}, "token request");
  const given = typeof body["spec"] === "object" && body["spec"] !== null
    ? body["spec"] as JsonObject
    : {};
  const seconds = lifetime(name, given);
  const audiences = Array.isArray(given["audiences"]) && given["audiences"].length > 0
    ? given["audiences"]
    : DEFAULT_AUDIENCES;
  const now = issuer.now();
  const spec: JsonObject = { ...given, audiences, expirationSeconds: seconds };
  return jsonResponse({
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace, creationTimestamp: rfc3339(now) },
    spec,
    status: { token: issuer.token, expirationTimestamp: rfc3339(now + seconds * 1000) },
  }, 201);
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
