/** CDEvents v0.4.1 service events (external-formats §4.2) and the EventSink port. */

/** The CDEvents spec release Nopea emits (KULTA parity: `cdevents-sdk 0.2.0`). */
export const CDEVENTS_VERSION = "0.4.1";

/** The v0.4.1 service event types Nopea knows (all at event version 0.2.0). */
export type CdEventType =
  | "dev.cdevents.service.deployed.0.2.0"
  | "dev.cdevents.service.upgraded.0.2.0"
  | "dev.cdevents.service.rolledback.0.2.0"
  | "dev.cdevents.service.removed.0.2.0"
  /** `nopea watch`: drift detected, or a sync of a git source failed. */
  | "dev.cdevents.incident.detected.0.1.0";

/** The `context` block: who said what, when. */
export interface CdEventContext {
  /** The spec release, `"0.4.1"`. */
  version: typeof CDEVENTS_VERSION;
  /** The event's id (a UUID). */
  id: string;
  /** Who emitted it (URI reference): `/nopea/<cluster host>`. */
  source: string;
  /** The event type. */
  type: CdEventType;
  /** When it was emitted (RFC 3339). */
  timestamp: string;
}

/** Where a service runs: a namespace. */
export interface CdEnvironment {
  /** The environment's id: the namespace. */
  id: string;
  /** The environment's API path: `/api/v1/namespaces/<ns>`. */
  source?: string;
}

/** The `subject.content` of a deployed, upgraded or rolledback event. */
export interface ServiceContent {
  /** Where the service runs. */
  environment: CdEnvironment;
  /** What was deployed: the first container image, as written in the manifests. */
  artifactId: string;
}

/** The `subject.content` of an incident.detected event (drift, a failed sync). */
export interface IncidentContent {
  /** What happened, in a sentence. */
  description: string;
  /** Where it happened. */
  environment: CdEnvironment;
  /** The service concerned: `<namespace>/<service>`. */
  service?: { id: string; source?: string };
  /** The artifact concerned: for `nopea watch`, the git revision (`<repo>@<commit>`). */
  artifactId: string;
}

/** The `subject` block: the service (or, for incidents, the incident) the event is about. */
export interface CdEventSubject {
  /** `<namespace>/<service>`; for incidents a fresh id. */
  id: string;
  /** Who knows the subject (URI reference). */
  source?: string;
  /** `"service"` for service events, `"incident"` for incident events. */
  type: "service" | "incident";
  /** The event type's content. */
  content: ServiceContent | IncidentContent;
}

/** A CDEvent: context, subject and Nopea's custom data. */
export interface CdEvent {
  /** Who, what and when. */
  context: CdEventContext;
  /** The service. */
  subject: CdEventSubject;
  /** `{ nopea: { deploy_id, strategy, duration_ms } }`. */
  customData?: Readonly<Record<string, unknown>>;
  /** The media type of `customData`: `application/json`. */
  customDataContentType?: string;
}

/** Where CDEvents go: `emit` never throws for delivery problems and never waits for delivery. */
export interface EventSink {
  /** The `context.source` of the events built for this sink. */
  readonly source: string;
  /** Hands an event over for delivery; returns at once. */
  emit(event: CdEvent): void;
  /** Waits until events handed over so far were delivered or dropped, at most `timeoutMs`. */
  flush(timeoutMs?: number): Promise<void>;
}
