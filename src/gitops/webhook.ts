/**
 * Push webhooks: GitHub (`X-Hub-Signature-256`, HMAC-SHA256 of the body) and GitLab
 * (`X-Gitlab-Token`), both compared in constant time. Pure: the caller triggers the sync.
 */
import { verify } from "@octokit/webhooks-methods";
import { timingSafeEqual } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";

/** What a webhook request said, once checked. */
export type WebhookVerdict =
  | { kind: "unauthorized"; message: string }
  | { kind: "ignored"; message: string }
  | { kind: "push"; branch: string; commit?: string; provider: "github" | "gitlab" };

/** Header names are read case-insensitively from a `Headers`. */
type HeaderSource = Pick<Headers, "get">;

/** Compares two strings in constant time (their SHA-256 digests, so lengths do not leak). */
export function sameSecret(given: string, expected: string): boolean {
  const encode = (s: string) => sha256(new TextEncoder().encode(s));
  return timingSafeEqual(encode(given), encode(expected));
}

function pushOf(body: string, provider: "github" | "gitlab"): WebhookVerdict {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return { kind: "ignored", message: "The body is not JSON: not a push event" };
  }
  const ref = (payload as { ref?: unknown })?.ref;
  const after = (payload as { after?: unknown })?.after;
  if (typeof ref !== "string" || !ref.startsWith("refs/heads/")) {
    return { kind: "ignored", message: `Not a push to a branch (ref ${JSON.stringify(ref)})` };
  }
  return {
    kind: "push",
    provider,
    branch: ref.slice("refs/heads/".length),
    ...(typeof after === "string" ? { commit: after } : {}),
  };
}

/**
 * Checks a webhook request against `secret` and reads the push it announces.
 *
 * @example
 * ```ts
 * import { checkWebhook } from "./webhook.ts";
 * import { equal } from "node:assert/strict";
 * const headers = new Headers({ "x-gitlab-token": "s", "x-gitlab-event": "Push Hook" });
 * const verdict = await checkWebhook(headers, '{"ref":"refs/heads/main"}', "s");
 * equal(verdict.kind, "push");
 * ```
 */
export async function checkWebhook(
  headers: HeaderSource,
  body: string,
  secret: string | undefined,
): Promise<WebhookVerdict> {
  if (!secret) {
    return {
      kind: "unauthorized",
      message: "No webhook secret is configured: set NOPEA_WEBHOOK_SECRET (or the source's Secret)",
    };
  }
  const signature = headers.get("x-hub-signature-256");
  const token = headers.get("x-gitlab-token");
  if (signature !== null) {
    const valid = await verify(secret, body, signature).catch(() => false);
    if (!valid) return { kind: "unauthorized", message: "The X-Hub-Signature-256 does not match" };
    const event = headers.get("x-github-event") ?? "push";
    if (event !== "push") return { kind: "ignored", message: `GitHub event "${event}" ignored` };
    return pushOf(body, "github");
  }
  if (token !== null) {
    if (!sameSecret(token, secret)) {
      return { kind: "unauthorized", message: "The X-Gitlab-Token does not match" };
    }
    const event = headers.get("x-gitlab-event") ?? "Push Hook";
    if (event !== "Push Hook") {
      return { kind: "ignored", message: `GitLab event "${event}" ignored` };
    }
    return pushOf(body, "gitlab");
  }
  return {
    kind: "unauthorized",
    message: "Neither X-Hub-Signature-256 (GitHub) nor X-Gitlab-Token (GitLab) was sent",
  };
}
