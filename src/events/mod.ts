/**
 * @module
 * CDEvents v0.4.1 (external-formats §4): `buildDeployEvent` (pure) turns a finished deploy into
 * `service.deployed|upgraded|rolledback`; an `EventSink` takes them: `HttpEventEmitter` POSTs
 * them in CloudEvents binary mode (queued, retried, never blocking a deploy),
 * `MemoryEventSink` keeps them for tests. Only `http_emitter.ts` touches the network.
 */
export { type BinaryRequest, binaryRequest } from "./binding.ts";
export { buildDeployEvent, type BuildEventOptions, type DeployEventInput } from "./build.ts";
export {
  type CdEnvironment,
  type CdEvent,
  type CdEventContext,
  CDEVENTS_VERSION,
  type CdEventSubject,
  type CdEventType,
  type EventSink,
  type IncidentContent,
  type ServiceContent,
} from "./cdevent.ts";
export { HttpEventEmitter, type HttpEventEmitterOptions } from "./http_emitter.ts";
export { MemoryEventSink } from "./memory_sink.ts";
