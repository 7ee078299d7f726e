/** Shared helpers of the graph tests: simulated hours and a recorded failure. */
import { type MemoryGraph, upsertNode, upsertRelationship } from "../../../src/memory/graph/mod.ts";

/** One hour in milliseconds. */
export const HOUR = 3_600_000;

/** A `Seen` stamp `hours` into the simulation. */
export const at = (hours: number, id = `01SEEN${hours}`): { id: string; time: number } => ({
  id,
  time: hours * HOUR,
});

/** Records `api —failed_with→ Timeout` at `hours`. */
export function failWith(g: MemoryGraph, hours: number, evidence = `at ${hours}`) {
  const svc = upsertNode(g, "service", "api", 0.8, at(hours));
  const err = upsertNode(g, "error", "Timeout", 0.8, at(hours));
  return upsertRelationship(
    g,
    { source: svc, relation: "failed_with", target: err },
    0.8,
    at(hours),
    evidence,
  );
}
