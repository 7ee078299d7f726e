/**
 * The text of `graph.json`, written after every record: what did not change since the last
 * write (other services, untouched nodes and relationships) is not serialized again. Pure.
 */
import { graphJsonMembers } from "./graph/mod.ts";
import { positionOf, SNAPSHOT_VERSION } from "./snapshot.ts";
import type { DeployRecord } from "../deploys/mod.ts";
import type { MemoryState, ServiceState } from "./state.ts";

/** A service changes only as `ingestRecord` appends its newest record. */
const services = new WeakMap<ServiceState, { last: DeployRecord | undefined; json: string }>();

/** A service as JSON text: serialized again only after it changed. */
export function serviceJsonText(s: ServiceState): string {
  const last = s.recent.at(-1);
  const hit = services.get(s);
  if (hit && hit.last === last) return hit.json;
  const json = JSON.stringify(s);
  services.set(s, { last, json });
  return json;
}

/**
 * The snapshot of `state` as JSON text: the same document as
 * `JSON.stringify(stateToSnapshot(state))`.
 */
export function snapshotText(state: MemoryState): string {
  const svc: string[] = [];
  for (const [name, s] of state.services) svc.push(`${JSON.stringify(name)}:${serviceJsonText(s)}`);
  return `{"version":${SNAPSHOT_VERSION},"occurrences":${JSON.stringify(positionOf(state))},` +
    `"clock":${state.clock},${graphJsonMembers(state.graph)},"services":{${svc.join(",")}},` +
    `"evicted":${JSON.stringify([...state.evicted])},"windows":${JSON.stringify(state.windows)}}`;
}
