/**
 * @module
 * Wiring: Nopea's settings resolved once, from explicit options (the CLI's flags) over the
 * environment over defaults, and `openEngine`, which builds the real engine from them (the
 * kubeconfig's cluster, read lazily; memory on disk; clock, ids, logger, CDEvents, lock
 * identity). The CLI, `nopea mcp` and `nopea serve` all open the engine here. An adapter
 * folder: it reads the environment, the kubeconfig and the file system.
 */
export { resolveSettings } from "./settings.ts";
export { type NopeaSettings, SETTINGS_VARIABLES, type SettingsOptions } from "./settings_types.ts";
export { type OpenedEngine, openEngine, type OpenEngineOptions } from "./open_engine.ts";
export {
  netScope,
  type NetScopeSources,
  runScopedWorker,
  type ScopedWorkerOptions,
  workerPlan,
} from "../scope/mod.ts";
