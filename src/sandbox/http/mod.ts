/**
 * @module
 * The sandbox cluster's HTTPS door: the Kubernetes REST protocol (paths, verbs, watch,
 * discovery, OpenAPI, Tables) over TLS on loopback, in front of a `SandboxApi`, so kubectl
 * and @kubernetes/client-node work unchanged; plus fault injection. It holds no objects
 * itself and never decides API semantics: those belong to the `SandboxApi` it is given.
 */
export {
  generateCertificates,
  type GenerateCertificatesOptions,
  type SandboxCertificates,
} from "./certificates.ts";
export {
  type FaultController,
  type FaultRule,
  type FaultStats,
  type FaultVerb,
  parseFaultRule,
} from "./faults.ts";
export { type FaultFlags, parseFaultFlags } from "./fault_flags.ts";
export { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "./server.ts";
