/**
 * Paths the sandbox answers without storing anything: a pod's `log`, `exec`, `attach` and
 * `portforward` (refused with a Status saying no containers run), and the self reviews
 * (`kubectl auth can-i`: always allowed, no RBAC; `kubectl auth whoami`: the token's user).
 */
import type { SandboxApi } from "../api_types.ts";
import { type JsonObject, StatusError } from "../types.ts";
import { mediaType, readBody, requireObject } from "./_body.ts";
import { jsonResponse, methodNotAllowed } from "./_status.ts";

/** The user every holder of the sandbox's token is. */
export const SANDBOX_USER = {
  username: "nopea-sandbox",
  groups: ["system:masters", "system:authenticated"],
};

/** A path answered by {@linkcode serveRefusal}. */
export type RefusalRoute =
  | { kind: "no-containers"; namespace: string; name: string; action: string }
  | { kind: "self-review"; group: string; version: string; plural: string };

const CONTAINER_ACTIONS = new Set(["log", "exec", "attach", "portforward"]);
const REVIEWS: Readonly<Record<string, string>> = {
  "authorization.k8s.io/v1/selfsubjectaccessreviews": "SelfSubjectAccessReview",
  "authorization.k8s.io/v1/selfsubjectrulesreviews": "SelfSubjectRulesReview",
  "authentication.k8s.io/v1/selfsubjectreviews": "SelfSubjectReview",
  "authentication.k8s.io/v1beta1/selfsubjectreviews": "SelfSubjectReview",
};

/** Resolves `/api/v1/namespaces/<ns>/pods/<name>/<action>` and the self-review paths. */
export function refusalRoute(parts: readonly string[]): RefusalRoute | undefined {
  const [root, a, b, c, d, e, f, extra] = parts;
  if (root === "api" && a === "v1" && b === "namespaces" && d === "pods" && extra === undefined) {
    if (c && e && f && CONTAINER_ACTIONS.has(f)) {
      return { kind: "no-containers", namespace: c, name: e, action: f };
    }
  }
  if (root === "apis" && parts.length === 4 && REVIEWS[`${a}/${b}/${c}`]) {
    return { kind: "self-review", group: a!, version: b!, plural: c! };
  }
  return undefined;
}

const CLOSE_REASON = "the Nopea sandbox runs no containers: no port-forward";

const WHY: Readonly<Record<string, string>> = {
  log: "has no logs",
  exec: "cannot run commands",
  attach: "cannot be attached to",
  portforward: "has no ports to forward",
};

function noContainers(
  api: SandboxApi,
  req: Request,
  route: RefusalRoute & { kind: "no-containers" },
): Response {
  api.get({
    group: "",
    version: "v1",
    plural: "pods",
    namespace: route.namespace,
    name: route.name,
  });
  const refusal = new StatusError(
    400,
    "BadRequest",
    `pod "${route.name}" ${WHY[route.action]}: the Nopea sandbox runs no containers ` +
      "(it emulates the Kubernetes API only; use a real cluster for logs, exec and port-forward)",
  );
  const protocol = req.headers.get("sec-websocket-protocol")?.split(",")[0]?.trim();
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket" || !protocol) throw refusal;
  // kubectl falls back to SPDY when a WebSocket upgrade fails, and that fallback cannot carry a
  // message here; so the upgrade succeeds and the refusal goes on the error channel (3).
  const { socket, response } = Deno.upgradeWebSocket(req, { protocol });
  socket.binaryType = "arraybuffer";
  socket.onopen = () => {
    // port-forward tunnels SPDY through the socket and has no error channel: the close says it.
    if (route.action === "portforward") return socket.close(1011, CLOSE_REASON);
    const status = new TextEncoder().encode(JSON.stringify(refusal.toStatus()));
    socket.send(new Uint8Array([3, ...status]));
    socket.close(1000);
  };
  return response;
}

function reviewStatus(kind: string): JsonObject {
  switch (kind) {
    case "SelfSubjectAccessReview":
      return { allowed: true, reason: "the Nopea sandbox enforces no RBAC" };
    case "SelfSubjectRulesReview": {
      const all = ["*"];
      return {
        resourceRules: [{ verbs: all, apiGroups: all, resources: all }],
        nonResourceRules: [{ verbs: all, nonResourceURLs: all }],
        incomplete: false,
      };
    }
    default:
      return { userInfo: { ...SANDBOX_USER, groups: [...SANDBOX_USER.groups] } };
  }
}

/** Serves a {@linkcode RefusalRoute}: a Status refusal, or the review with its status filled. */
export async function serveRefusal(
  api: SandboxApi,
  req: Request,
  route: RefusalRoute,
): Promise<Response> {
  if (route.kind === "no-containers") return noContainers(api, req, route);
  if (req.method !== "POST") throw methodNotAllowed();
  // kubectl sends the review in protobuf; the answer does not depend on it, so only JSON is read.
  const json = mediaType(req.headers.get("content-type")) === "application/json";
  const body = json ? requireObject(await readBody(req, "json"), route.plural) : {};
  const kind = REVIEWS[`${route.group}/${route.version}/${route.plural}`]!;
  const spec = (body.spec as JsonObject | undefined) ?? {};
  return jsonResponse({
    kind,
    apiVersion: `${route.group}/${route.version}`,
    metadata: { creationTimestamp: null },
    spec,
    status: reviewStatus(kind),
  }, 201);
}
