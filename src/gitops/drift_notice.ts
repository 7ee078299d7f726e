/**
 * What the `notify` heal policy POSTs when drift is found: the source, the service, the commit,
 * the objects and the fields that drifted (paths and which side moved, never values: a Secret's
 * would leak). Sent once per change of the drift, not at every check while it lasts.
 */
import type { HealReport } from "../engine/mod.ts";
import { type Clock, NopeaError } from "../shared/mod.ts";
import type { DriftNotifier } from "./drift_notifier.ts";
import type { SourceState } from "./sync_state.ts";
import { displayRepo } from "./git_port.ts";
import type { SourceStatus, WatchSource } from "./types.ts";

/** The JSON body of a drift notification. */
export interface DriftNotice {
  /** Always `nopea.drift.detected`. */
  type: "nopea.drift.detected";
  /** The source's name. */
  source: string;
  /** The service that drifted. */
  service: string;
  /** Its namespace. */
  namespace: string;
  /** The repository (without credentials). */
  repo: string;
  /** The branch followed. */
  branch: string;
  /** The commit last deployed from the source: what the cluster should match. */
  commit?: string;
  /** When the drift was found (ISO 8601). */
  detectedAt: string;
  /** How many objects drifted. */
  drifted: number;
  /** Each drifted object: its key, its drift class, and its fields. */
  objects: {
    key: string;
    drift: string;
    fields: { path: string; changed: string; owners: readonly string[] }[];
  }[];
}

/**
 * The notice of a drift report.
 *
 * @example
 * ```ts
 * import { driftNotice } from "./drift_notice.ts";
 * import { equal } from "node:assert/strict";
 * const source = { name: "web", service: "web", repo: ".", branch: "main", path: "", intervalMs: 60_000 };
 * const status = { name: "web", service: "web", phase: "Synced" as const, failures: 0, nextPollAt: 0, conditions: [] };
 * const drift = { service: "web", namespace: "shop", lastDeployId: "1", drifted: 0, resources: [] };
 * equal(driftNotice(source, status, { service: "web", policy: "notify", healed: [], skipped: [], drift }, 0).namespace, "shop");
 * ```
 */
export function driftNotice(
  source: WatchSource,
  status: SourceStatus,
  report: HealReport,
  now: number,
): DriftNotice {
  return {
    type: "nopea.drift.detected",
    source: source.name,
    service: source.service,
    namespace: report.drift.namespace,
    repo: displayRepo(source.repo),
    branch: source.branch,
    ...(status.lastSyncedCommit ? { commit: status.lastSyncedCommit } : {}),
    detectedAt: new Date(now).toISOString(),
    drifted: report.drift.drifted,
    objects: report.drift.resources.filter((r) => r.drift !== "no_drift").map((r) => ({
      key: r.key,
      drift: r.drift,
      fields: r.fields.map((f) => ({ path: f.path, changed: f.changed, owners: f.owners })),
    })),
  };
}

/**
 * Checks a notify URL (http or https).
 *
 * @param field The flag, variable or field that gave it (`--notify-url`, `notifyUrl`).
 * @param where Where, for a field (`in GitRepository shop/web`).
 * @throws {NopeaError} `SPEC_INVALID` naming it
 * @example
 * ```ts
 * import { checkNotifyUrl } from "./drift_notice.ts";
 * import { throws } from "node:assert/strict";
 * checkNotifyUrl("https://hooks.example.com/drift", "--notify-url");
 * throws(() => checkNotifyUrl("hooks.example.com", "--notify-url"));
 * ```
 */
export function checkNotifyUrl(url: string, field: string, where = ""): string {
  if (!/^https?:$/.test(URL.parse(url)?.protocol ?? "")) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid ${field} "${url}"${where ? ` ${where}` : ""}: not an http(s) URL`,
      {
        hint: "Pass the full URL of the endpoint that takes drift notifications, " +
          "e.g. https://hooks.example.com/nopea",
      },
    );
  }
  return url;
}

/** What {@linkcode driftNotifications} needs: the notifier, and the URL of sources without one. */
export interface DriftNotifyDeps {
  notifier?: DriftNotifier | undefined;
  notifyUrl?: string | undefined;
  clock: Clock;
}

/**
 * Sends a notice for each drift check of a `notify` source whose drift changed (once per drift,
 * again when it changes, nothing while the source is in sync).
 */
export function driftNotifications(
  deps: DriftNotifyDeps,
): (state: SourceState, report: HealReport) => void {
  const said = new Map<string, string>();
  return ({ source, status }, report) => {
    const url = source.notifyUrl ?? deps.notifyUrl;
    if (!deps.notifier || !url || source.healPolicy !== "notify") return;
    if (report.drift.drifted === 0) {
      said.delete(source.name);
      return;
    }
    const notice = driftNotice(source, status, report, deps.clock.now());
    const text = JSON.stringify([notice.commit, notice.objects]);
    if (said.get(source.name) === text) return;
    said.set(source.name, text);
    deps.notifier.send(url, notice);
  };
}
