/**
 * @module
 * Test helpers that ship with the library: engine dependencies on an in-process
 * sandbox cluster with a manual clock (`testDeps`), and a sandbox served over
 * HTTPS with the real Kubernetes client connected (`startHttpSandbox`). No mocks:
 * both run the same sandbox that `nopea sandbox` serves.
 */
export { type TestDeps, testDeps, type TestDepsOptions } from "./test_deps.ts";
export { type HttpSandbox, type HttpSandboxOptions, startHttpSandbox } from "./http_sandbox.ts";
export { fixedClock, type ManualClock, memoryLogger, seqIds } from "../shared/mod.ts";
