/** The network a run may reach: the selected context's API server, the CDEvents sink, `serve`'s address. */
import { kubeconfigServerUrls } from "./kubeconfig_hosts.ts";

/** What decides the hosts: the kubeconfig flags, the environment, and `serve`'s address. */
export interface NetScopeSources {
  /** `--kubeconfig`; else `KUBECONFIG` of `env`, then `~/.kube/config`, then in-cluster. */
  kubeconfig?: string | undefined;
  /** `--context`; else the kubeconfig's current context. */
  context?: string | undefined;
  /** The environment (`KUBECONFIG`, `HOME`, `NOPEA_CDEVENTS_URL`, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** The address `nopea serve` listens on: `host:port`, or `host` for a random port. */
  listen?: string | undefined;
}

/** `host:port` of a URL as Deno's net permission names it (the scheme's port when none is given). */
function hostPortOf(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed || !parsed.hostname) return undefined;
  const port = parsed.port || (parsed.protocol === "http:" ? "80" : "443");
  return `${parsed.hostname}:${port}`;
}

/**
 * The `host:port` entries of Deno's net permission a run needs: the API server of the selected
 * kubeconfig context (plus its `proxy-url`), the CDEvents sink (`NOPEA_CDEVENTS_URL`) and the
 * address `serve` listens on. Nothing else: memory-only work reaches no network at all.
 *
 * @example
 * ```ts
 * import { netScope } from "./net_scope.ts";
 * import { deepEqual } from "node:assert/strict";
 * const env = { NOPEA_CDEVENTS_URL: "http://events.example:8080/e" };
 * deepEqual(netScope({ kubeconfig: "/nonexistent", env }), ["events.example:8080"]);
 * ```
 */
export function netScope(sources: NetScopeSources): string[] {
  const events = sources.env["NOPEA_CDEVENTS_URL"];
  const urls = [...kubeconfigServerUrls(sources), ...(events ? [events] : [])];
  const hosts = [
    ...urls.map(hostPortOf).filter((h) => h !== undefined),
    ...(sources.listen ? [sources.listen] : []),
  ];
  return [...new Set(hosts)];
}

/** The variables {@linkcode netScope} reads; each one the process may not read is left out. */
const SCOPE_VARIABLES = [
  "KUBECONFIG",
  "HOME",
  "USERPROFILE",
  "KUBERNETES_SERVICE_HOST",
  "KUBERNETES_SERVICE_PORT",
  "NOPEA_CDEVENTS_URL",
];

/**
 * The variables {@linkcode netScope} reads, those the process may read (a refused one is left to
 * the worker, which reports it): the main thread needs nothing else of the environment.
 *
 * @example
 * ```ts
 * import { netScope, scopeEnvironment } from "./net_scope.ts";
 * const hosts = netScope({ env: scopeEnvironment() });
 * console.log(hosts);
 * ```
 */
export function scopeEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of SCOPE_VARIABLES) {
    if (Deno.permissions.querySync({ name: "env", variable }).state !== "granted") continue;
    const value = Deno.env.get(variable);
    if (value !== undefined) env[variable] = value;
  }
  return env;
}

/** The proxy variables that would route the worker's HTTPS requests through a proxy. */
export const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];

/**
 * The proxy variables that are set; `undefined` when the process may not read one of them (checked
 * without prompting): Deno's own HTTP client reads them without permission, so a direct connection
 * could bypass a proxy the worker's requests go through.
 */
export function proxyEnvironment(): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (const variable of PROXY_VARIABLES) {
    if (Deno.permissions.querySync({ name: "env", variable }).state !== "granted") return undefined;
    const value = Deno.env.get(variable);
    if (value) env[variable] = value;
  }
  return env;
}
