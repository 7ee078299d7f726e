/** serviceOf: the service an operation's request names, or a clear SPEC_INVALID. */
import { NopeaError } from "../shared/mod.ts";

/** The `service` of a request object; a bare string or a missing name is refused with a fix. */
export function serviceOf(request: unknown, operation: string): string {
  if (typeof request === "string") {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot run ${operation}: it takes an object, got the string "${request.slice(0, 64)}"`,
      { hint: `Pass { service: "${request.slice(0, 64)}" }` },
    );
  }
  const service = (request as { service?: unknown } | null)?.service;
  if (typeof service !== "string" || service === "") {
    throw new NopeaError("SPEC_INVALID", `Cannot run ${operation}: no service given`, {
      hint: 'Pass the service\'s name, e.g. { service: "web" }',
    });
  }
  return service;
}
