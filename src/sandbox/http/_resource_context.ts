/** The context type shared by the resource handlers (reads, writes, deletes, watch). */
import type { SandboxApi } from "../api_types.ts";
import type { WatchHub } from "./_watch.ts";

/** What the resource handlers need from the server. */
export interface ResourceContext {
  api: SandboxApi;
  hub: WatchHub;
  /** Current time (ms) for Table ages. */
  now(): number;
}
