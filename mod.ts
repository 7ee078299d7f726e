/**
 * @module
 * Nopea: deploy Kubernetes manifests and remember every deploy.
 */
export * as _placeholder from "./src/shared/mod.ts";
