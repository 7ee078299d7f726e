/**
 * @module
 * The sandbox cluster: an embedded Kubernetes API server emulator (storage,
 * server-side apply, discovery, watch, simulated controllers, fault knobs)
 * served over HTTPS on loopback, so kubectl and @kubernetes/client-node work
 * against it unchanged; plus an in-process door for fast tests. It never
 * talks to a real cluster. `public_api.ts` is what the package exports as
 * `@nopea/nopea/sandbox`; this module adds what Nopea's own CLI and tests use.
 */
export * from "./public_api.ts";
export { loadSandboxState, saveSandboxState } from "./state_file.ts";
export { type FaultFlags, parseFaultFlags } from "./http/mod.ts";
export { DEFAULT_FAILURE_RULES, startControllers } from "./controllers/mod.ts";
export { StatusError } from "./types.ts";
