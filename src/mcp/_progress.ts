/** Deploy events as the short messages of MCP `notifications/progress`. */
import type { DeployEvent } from "../engine/mod.ts";

/** One line about one deploy event. */
export function progressMessage(event: DeployEvent): string {
  switch (event.type) {
    case "planned":
      return `planned ${event.total} objects, strategy ${event.strategy}`;
    case "applied":
      return `${event.outcome.key} ${event.outcome.action}`;
    case "waiting": {
      const ready = event.resources.filter((r) => r.state === "ready").length;
      return `waiting: ${ready}/${event.resources.length} ready`;
    }
    case "rollout":
      return `rollout ${event.name}: ${event.phase}${
        event.weight === undefined ? "" : ` weight ${event.weight}%`
      }`;
    case "verified":
      return `verified: ${event.drift} drifted fields`;
    default: {
      const never: never = event;
      return String(never);
    }
  }
}
