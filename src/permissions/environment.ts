/** The environment Nopea reads: a fixed list of named variables, never the whole environment. */
import { NopeaError } from "../shared/mod.ts";

/**
 * Every environment variable Nopea (and the libraries it loads) reads, each with why. Only these
 * are read, one by one, so `--allow-env=<ENV_FLAG_VALUE>` is enough.
 *
 * @example
 * ```ts
 * import { ENVIRONMENT_VARIABLES } from "./environment.ts";
 * import { ok } from "node:assert/strict";
 * ok("KUBECONFIG" in ENVIRONMENT_VARIABLES);
 * ```
 */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = {
  KUBECONFIG: "kubeconfig files, merged like kubectl",
  HOME: "where ~/.kube/config is",
  USERPROFILE: "where ~/.kube/config is, on Windows",
  KUBERNETES_SERVICE_HOST: "the API server, when running in a pod",
  KUBERNETES_SERVICE_PORT: "the API server's port, when running in a pod",
  NOPEA_MEMORY_DIR: "where memory lives",
  NOPEA_MEMORY_STORE: "file or cluster: where memory is kept",
  NOPEA_CANARY_THRESHOLD: "failure rate above which memory picks canary",
  NOPEA_APPLY_CONCURRENCY: "objects applied in parallel",
  NOPEA_TIMEOUT: "how long a deploy may take to become ready",
  NOPEA_TOLERANCE: "how long a pod problem is tolerated",
  NOPEA_LOCK_IDENTITY: "holder of the deploy locks",
  NOPEA_CDEVENTS_URL: "where CDEvents go",
  NOPEA_API_KEY: "the API key of `nopea serve`",
  NOPEA_WEBHOOK_SECRET: "the push webhook secret of `nopea watch`",
  NOPEA_GIT_TOKEN: "the git token of `nopea watch` remotes",
  NOPEA_GIT_USERNAME: "the git user name of `nopea watch` remotes",
  NOPEA_GIT_PASSWORD: "the git password of `nopea watch` remotes",
  NO_COLOR: "no colors (also read by picocolors)",
  FORCE_COLOR: "colors even when not a terminal (picocolors)",
  TERM: "whether the terminal shows colors (picocolors)",
  CI: "colors in CI logs (picocolors)",
  UNDICI_NO_WASM_SIMD: "read by undici (client-node's HTTP library) when it loads",
  UNDICI_USE_MILO: "read by undici when it loads",
};

/**
 * Variables Nopea only checks when it may (never asked for: without permission, what depends on
 * them is skipped): the proxies Deno's HTTP client goes through, so that the main thread's TLS
 * warm-up never opens a direct connection a proxy would have carried.
 */
export const OPTIONAL_VARIABLES: Readonly<Record<string, string>> = {
  HTTPS_PROXY: "a proxy in the way: no TLS warm-up",
  "https_proxy": "a proxy in the way: no TLS warm-up",
  ALL_PROXY: "a proxy in the way: no TLS warm-up",
  "all_proxy": "a proxy in the way: no TLS warm-up",
};

/** The value of `--allow-env` that grants what Nopea reads (`NOPEA_*`, `UNDICI_*` for the prefixed). */
export const ENV_FLAG_VALUE: string = [
  ...Object.keys(ENVIRONMENT_VARIABLES).filter((name) => !/^(NOPEA|UNDICI)_/.test(name)),
  ...Object.keys(OPTIONAL_VARIABLES),
  "NOPEA_*",
  "UNDICI_*",
].join(",");

/**
 * Reads the named variables (default: all of {@linkcode ENVIRONMENT_VARIABLES}); an unset one is
 * absent from the result.
 *
 * @throws {NopeaError} `PERMISSION_DENIED` naming every variable Nopea may not read and the
 * `--allow-env` flag to add.
 */
export function readEnvironment(
  names: readonly string[] = Object.keys(ENVIRONMENT_VARIABLES),
): Record<string, string> {
  const denied = names.filter((variable) =>
    Deno.permissions.querySync({ name: "env", variable }).state !== "granted"
  );
  if (denied.length > 0) {
    throw new NopeaError(
      "PERMISSION_DENIED",
      `Cannot read the environment variable${denied.length > 1 ? "s" : ""} ${
        denied.join(", ")
      }: Nopea was run without env permission for ${denied.length > 1 ? "them" : "it"}`,
      {
        hint: `Add --allow-env=${ENV_FLAG_VALUE} (Nopea reads these variables only)`,
        details: { permission: "env", target: denied.join(",") },
      },
    );
  }
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}
