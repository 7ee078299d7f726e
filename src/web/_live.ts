/**
 * Live updates: operations the web view starts publish the engine's progress events (the same
 * ones the CLI draws) here; every open page hears them through server-sent events.
 */
import type { DeployEvent } from "../engine/mod.ts";

/** One line of live progress, about one service. */
export interface LiveMessage {
  /** The service the operation works on. */
  service: string;
  /** The operation (rollback, promote, heal). */
  operation: string;
  /** What happened, in words. */
  line: string;
  /** Set on the last message of an operation: how it ended. */
  outcome?: string;
}

/** A message as the hub sent it: numbered, so a reconnecting page asks for what it missed. */
export interface SentMessage extends LiveMessage {
  /** 1, 2, … in the order the hub sent them. */
  seq: number;
}

/** Where live messages go, and who listens. */
export interface LiveHub {
  publish(message: LiveMessage): void;
  /** The kept messages about `service`, oldest first (what a page opened later shows). */
  recent(service: string): SentMessage[];
  /** The kept messages numbered after `seq`, oldest first. */
  since(seq: number): SentMessage[];
  /** The number of the last message sent (0 before the first). */
  lastSeq(): number;
  /** Calls `listener` with every message from now on; returns the unsubscribe function. */
  subscribe(listener: (message: SentMessage) => void): () => void;
}

/** Messages a hub keeps for pages opened after they were sent. */
const KEPT = 200;

/**
 * A hub for one server.
 *
 * @example
 * ```ts
 * import { liveHub } from "./_live.ts";
 * import { equal } from "node:assert/strict";
 * const hub = liveHub();
 * const heard: string[] = [];
 * const stop = hub.subscribe((m) => heard.push(m.line));
 * hub.publish({ service: "web", operation: "rollback", line: "rollback started" });
 * stop();
 * equal(heard.length, 1);
 * equal(hub.recent("web")[0]?.seq, 1);
 * ```
 */
export function liveHub(): LiveHub {
  const listeners = new Set<(message: SentMessage) => void>();
  const kept: SentMessage[] = [];
  let seq = 0;
  return {
    publish(message) {
      const sent = { ...message, seq: ++seq };
      kept.push(sent);
      if (kept.length > KEPT) kept.shift();
      listeners.forEach((listen) => listen(sent));
    },
    recent: (service) => kept.filter((m) => m.service === service),
    since: (after) => kept.filter((m) => m.seq > after),
    lastSeq: () => seq,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A deploy event in words, as a progress line. */
export function eventLine(event: DeployEvent): string {
  switch (event.type) {
    case "planned":
      return `planned: ${event.strategy}, ${event.total} objects (${event.reasons.join("; ")})`;
    case "applied":
      return `applied: ${event.outcome.action} ${event.outcome.key}`;
    case "waiting": {
      const waiting = event.resources.map((r) => `${r.key} ${r.state}`).join(", ");
      return `waiting ${(event.elapsedMs / 1000).toFixed(1)}s: ${waiting}`;
    }
    case "verified":
      return `verified: ${event.drift} fields differ from what was sent`;
    case "rollout":
      return `rollout ${event.name}: ${event.phase}` +
        (event.step !== undefined ? `, step ${event.step}/${event.steps ?? "?"}` : "") +
        (event.weight !== undefined ? `, ${event.weight}% to the new version` : "") +
        (event.message ? ` (${event.message})` : "");
  }
}
