/** The CloudEvents 1.0 HTTP binding of a CDEvent, binary mode (external-formats §4.4). Pure. */
import type { CdEvent } from "./cdevent.ts";

/** The headers and body of one binary-mode CloudEvents POST. */
export interface BinaryRequest {
  /** `ce-*` attributes and `Content-Type: application/json`. */
  headers: Record<string, string>;
  /** The full CDEvent as JSON. */
  body: string;
}

/**
 * The binary-mode request for a CDEvent: the CloudEvents attributes come from the CDEvent's
 * context and subject, the data is the CDEvent itself.
 *
 * @example
 * ```ts
 * import { binaryRequest } from "./binding.ts";
 * import { equal } from "node:assert/strict";
 * const request = binaryRequest({
 *   context: { version: "0.4.1", id: "1", source: "/nopea/cluster", type: "dev.cdevents.service.deployed.0.2.0", timestamp: "2026-03-06T12:00:00Z" },
 *   subject: { id: "prod/api", type: "service", content: { environment: { id: "prod" }, artifactId: "api:1" } },
 * });
 * equal(request.headers["ce-subject"], "prod/api");
 * ```
 */
export function binaryRequest(event: CdEvent): BinaryRequest {
  return {
    headers: {
      "ce-specversion": "1.0",
      "ce-id": event.context.id,
      "ce-source": event.context.source,
      "ce-type": event.context.type,
      "ce-subject": event.subject.id,
      "ce-time": event.context.timestamp,
      "content-type": "application/json",
    },
    body: JSON.stringify(event),
  };
}
