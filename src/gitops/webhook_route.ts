/**
 * What a server answers to `POST /webhook/<source>` and to its probes, as values: `nopea watch
 * --port` and `nopea serve --watch` shape them into their own bodies.
 */
import type { ErrorBody, Logger } from "../shared/mod.ts";
import type { SourcePhase } from "./types.ts";
import type { SyncOutcome } from "./sync_state.ts";
import type { Watcher } from "./watcher_types.ts";
import { checkWebhook } from "./webhook.ts";

/**
 * The largest webhook body read, in bytes (a push announcement is small).
 *
 * @example
 * ```ts
 * import { WEBHOOK_BODY_LIMIT } from "./webhook_route.ts";
 * import { equal } from "node:assert/strict";
 * equal(WEBHOOK_BODY_LIMIT, 1024 * 1024);
 * ```
 */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** How to answer a webhook: 202 with a body (and the sync it started), or an error. */
export type WebhookAnswer =
  | { status: 202; body: Record<string, string>; sync?: Promise<SyncOutcome> }
  | { status: 401 | 404 | 503; error: ErrorBody };

/** What {@linkcode answerWebhook} needs besides the request. */
export interface WebhookOptions {
  /** The secret of sources without their own (`NOPEA_WEBHOOK_SECRET`). */
  webhookSecret?: string | undefined;
  /** Where refused webhooks are logged. */
  log: Logger;
  /** Whether the loop still runs; a stopped loop starts no sync (503). @default always */
  alive?: () => boolean;
  /** The loop's stop: it interrupts (and records) a deploy a push started. */
  signal?: AbortSignal | undefined;
}

const refusedHint = "Configure the same secret on the git host's webhook and in " +
  "NOPEA_WEBHOOK_SECRET (or the webhookSecret key of the GitRepository's Secret)";

/**
 * Checks a push for source `name` and starts its sync: 401 for a bad signature (nothing is
 * triggered), 404 for an unknown source, 202 ignored for another branch or event, else 202 with
 * the sync started (a burst shares one sync).
 *
 * @example
 * ```ts
 * import { answerWebhook } from "./webhook_route.ts";
 * // const answer = await answerWebhook(watcher, "web", request.headers, await request.text(), { log });
 * ```
 */
export async function answerWebhook(
  watcher: Watcher,
  name: string,
  request: { headers: Pick<Headers, "get">; body: string },
  options: WebhookOptions,
): Promise<WebhookAnswer> {
  const source = watcher.source(name);
  if (!source) {
    const known = watcher.statuses().map((s) => s.name).join(", ") || "none";
    const message = `No watched source "${name}"`;
    return {
      status: 404,
      error: { code: "SERVICE_NOT_FOUND", message, hint: `Sources: ${known}` },
    };
  }
  const secret = source.webhookSecret ?? options.webhookSecret;
  const verdict = await checkWebhook(request.headers, request.body, secret);
  if (verdict.kind === "unauthorized") {
    options.log.log("warn", `Webhook for source "${name}" refused: ${verdict.message}`);
    return {
      status: 401,
      error: { code: "SPEC_INVALID", message: verdict.message, hint: refusedHint },
    };
  }
  if (verdict.kind === "ignored") return { status: 202, body: { ignored: verdict.message } };
  if (verdict.branch !== source.branch) {
    return {
      status: 202,
      body: { ignored: `Push to branch "${verdict.branch}", not "${source.branch}"` },
    };
  }
  if (!(options.alive?.() ?? true)) {
    const message = `Source "${name}" not synced: the GitOps loop is stopping`;
    return {
      status: 503,
      error: { code: "DEPLOY_INTERRUPTED", message, hint: "Push again once it runs" },
    };
  }
  const sync = watcher.sync(name, "webhook", options.signal);
  const body = { syncing: name, ...(verdict.commit ? { commit: verdict.commit } : {}) };
  return { status: 202, body, sync };
}

/** Where the loop stands, for `/ready`. */
export interface WatchReadiness {
  /** Ready once every source was tried, or the loop finished a tick, and it still runs. */
  ready: boolean;
  /** Each source's phase. */
  sources: { name: string; phase: SourcePhase }[];
}

/**
 * The loop's readiness: every source synced or failed at least once (or a tick finished).
 *
 * @example
 * ```ts
 * import { watchReadiness } from "./webhook_route.ts";
 * // const { ready, sources } = watchReadiness(watcher, () => true);
 * ```
 */
export function watchReadiness(watcher: Watcher, alive: () => boolean): WatchReadiness {
  const sources = watcher.statuses().map((s) => ({ name: s.name, phase: s.phase }));
  const tried = sources.length > 0 && sources.every((s) => s.phase !== "Pending");
  return { ready: (watcher.lastTickAt !== undefined || tried) && alive(), sources };
}
