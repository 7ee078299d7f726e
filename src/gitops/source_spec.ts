/** watchSourceOf: a source from flags (or a GitRepository), checked, with errors naming the field. */
import type { Strategy } from "../deploys/mod.ts";
import type { HealPolicy } from "../engine/mod.ts";
import { isDns1123Label } from "../manifests/mod.ts";
import { NopeaError, parseDuration } from "../shared/mod.ts";
import { checkNotifyUrl } from "./drift_notice.ts";
import { isRemote } from "./git_port.ts";
import type { GitAuth, WatchSource } from "./types.ts";

/** A source as given: strings as typed, checked by {@linkcode watchSourceOf}. */
export interface SourceInput {
  /** An http(s) URL or a local path (ssh is refused). */
  repo: string;
  /** The service deployed: a DNS-1123 label. */
  service: string;
  /** The source's name (the webhook path). @default the service */
  name?: string | undefined;
  /** The branch followed. @default "main" */
  branch?: string | undefined;
  /** The folder of manifests in the repository. @default its root */
  path?: string | undefined;
  /** The target namespace. */
  namespace?: string | undefined;
  /** Time between two polls, e.g. `1m`. @default "1m" */
  interval?: string | undefined;
  /** `auto`, `manual` or `notify`. @default "auto" */
  healPolicy?: string | undefined;
  /** Leave drift younger than this alone, e.g. `5m`. */
  healGracePeriod?: string | undefined;
  /** Stop syncing. */
  suspend?: boolean | undefined;
  /** An explicit strategy; memory decides when absent. */
  strategy?: Strategy | undefined;
  /** The deploy timeout. */
  timeoutMs?: number | undefined;
  /** `false` keeps what the commit no longer holds. */
  prune?: boolean | undefined;
  /** Roll a failed deploy back by itself. */
  atomic?: boolean | undefined;
  /** Create the target namespace. */
  createNamespace?: boolean | undefined;
  /** The push webhook secret of this source. */
  webhookSecret?: string | undefined;
  /** Where the `notify` policy POSTs drift. */
  notifyUrl?: string | undefined;
  /** Credentials of the remote. */
  auth?: GitAuth | undefined;
}

const POLICIES = new Set<string>(["auto", "manual", "notify"]);

function invalid(where: string, field: string, value: string, hint: string): NopeaError {
  return new NopeaError("SPEC_INVALID", `Invalid ${field} "${value}" ${where}`, { hint });
}

function checkRepo(where: string, repo: string): void {
  if (
    repo === "" || /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) && !isRemote(repo) ||
    /^[^/]+@[^:]+:/.test(repo)
  ) {
    throw invalid(
      where,
      "repo",
      repo,
      "Pass an http(s):// URL or the path of a local repository (ssh is not supported)",
    );
  }
}

/**
 * Checks a source and fills in the defaults (branch `main`, the repository's root, interval 1m,
 * heal policy `auto`, the service's name).
 *
 * @param where Where the input came from, for messages (`in the flags`, `in GitRepository shop/web`).
 * @throws {NopeaError} `SPEC_INVALID` naming the field, its value and how to fix it
 *
 * @example
 * ```ts
 * import { watchSourceOf } from "./source_spec.ts";
 * import { equal } from "node:assert/strict";
 * equal(watchSourceOf({ repo: ".", service: "web", interval: "30s" }, "in the flags").intervalMs, 30_000);
 * ```
 */
export function watchSourceOf(input: SourceInput, where: string): WatchSource {
  checkRepo(where, input.repo);
  if (!isDns1123Label(input.service)) {
    throw invalid(
      where,
      "service",
      input.service,
      "Use a DNS-1123 label: lowercase letters, digits and '-'",
    );
  }
  const name = input.name ?? input.service;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw invalid(
      where,
      "name",
      name,
      "Use letters, digits, '.', '_' and '-' (it is the webhook path)",
    );
  }
  const branch = input.branch ?? "main";
  if (!/^[^\s~^:?*[\\]+$/.test(branch) || branch.startsWith("-")) {
    throw invalid(where, "branch", branch, "Pass a branch name such as main");
  }
  const path = (input.path ?? "").replace(/^\.?\/+|\/+$/g, "").replace(/^\.$/, "");
  if (path.split("/").includes("..")) {
    throw invalid(
      where,
      "path",
      input.path ?? "",
      "Pass a folder inside the repository, e.g. k8s/",
    );
  }
  const intervalMs = parseDuration(input.interval ?? "1m", "interval");
  if (intervalMs < 1000) {
    throw invalid(where, "interval", input.interval ?? "", "Pass at least 1s, e.g. 1m");
  }
  const policy = input.healPolicy ?? "auto";
  if (!POLICIES.has(policy)) {
    throw invalid(where, "healPolicy", policy, "Pass auto, manual or notify");
  }
  return {
    name,
    repo: input.repo,
    branch,
    path,
    service: input.service,
    intervalMs,
    healPolicy: policy as HealPolicy,
    ...(input.namespace ? { namespace: input.namespace } : {}),
    ...(input.healGracePeriod
      ? { healGraceMs: parseDuration(input.healGracePeriod, "healGracePeriod") }
      : {}),
    ...(input.suspend ? { suspend: true } : {}),
    ...(input.webhookSecret ? { webhookSecret: input.webhookSecret } : {}),
    ...(input.notifyUrl ? { notifyUrl: checkNotifyUrl(input.notifyUrl, "notifyUrl", where) } : {}),
    ...(input.auth ? { auth: input.auth } : {}),
    deploy: deploySettingsOf(input),
  };
}

function deploySettingsOf(input: SourceInput): WatchSource["deploy"] & object {
  return {
    ...(input.strategy ? { strategy: input.strategy } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.prune === false ? { prune: false } : {}),
    ...(input.atomic ? { atomic: true } : {}),
    ...(input.createNamespace ? { createNamespace: true } : {}),
  };
}
