/**
 * Deploys other processes record, live: while a page listens for events, memory is read every
 * few seconds, and each record that is new since the server started (and that none of the
 * server's own operations announced) becomes a `finished` message pages show with a reload link.
 */
import type { Engine } from "../engine/mod.ts";
import type { ServiceSummary } from "../memory/mod.ts";
import { type Clock, systemClock } from "../shared/mod.ts";
import type { LiveHub } from "./_live.ts";

/** Reads memory when it is time and tells the hub what other processes recorded. */
export interface MemoryFollower {
  /** Reads memory if `everyMs` passed since the last read (one read at a time). */
  check(): Promise<void>;
  /** The least time between two reads. */
  readonly everyMs: number;
}

/** Options of {@linkcode memoryFollower}. */
export interface MemoryFollowerOptions {
  /** The least time between two reads of memory. @default 2000 */
  everyMs?: number;
  /** The clock that says what is new and when to read again. @default the system clock */
  clock?: Clock;
}

type LastDeploy = NonNullable<ServiceSummary["lastDeploy"]>;

const signature = (d: LastDeploy) => `${d.deployId}:${d.status}`;

function announce(hub: LiveHub, service: string, last: LastDeploy): void {
  const operation = last.rollbackOf ? "rollback" : "deploy";
  hub.publish({
    service,
    operation,
    line: `${operation} ${last.deployId} recorded by another process: ${last.status}`,
    outcome: last.status,
  });
}

/**
 * A follower of `engine`'s memory for `hub`. On its first read only deploys finished after it
 * was made are news; after that, every new last deploy of a service is.
 */
export function memoryFollower(
  engine: Engine,
  hub: LiveHub,
  options: MemoryFollowerOptions = {},
): MemoryFollower {
  const everyMs = options.everyMs ?? 2000;
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const seen = new Map<string, string>();
  let primed = false;
  let seqAtLastRead = hub.lastSeq();
  let lastReadAt = -Infinity;
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    const services = await engine.services();
    const own = new Set(hub.since(seqAtLastRead).map((m) => m.service));
    for (const { service, lastDeploy: last } of services) {
      if (last === undefined || seen.get(service) === signature(last)) continue;
      seen.set(service, signature(last));
      const isNew = primed || Date.parse(last.finishedAt) >= startedAt;
      if (isNew && !own.has(service)) announce(hub, service, last);
    }
    primed = true;
    seqAtLastRead = hub.lastSeq();
  }

  return {
    everyMs,
    check() {
      if (reading) return reading;
      if (clock.now() - lastReadAt < everyMs) return Promise.resolve();
      lastReadAt = clock.now();
      // A memory that cannot be read now is shown by the next page load, with its error.
      reading = read().catch(() => {}).finally(() => (reading = undefined));
      return reading;
    },
  };
}
