/** Kubeconfig loading: explicit file, KUBECONFIG (merged like kubectl), ~/.kube/config, in-cluster. */
import { type Context, KubeConfig } from "@kubernetes/client-node";
import { NopeaError } from "../shared/mod.ts";
import { asPermissionError, readEnvironment } from "../permissions/mod.ts";

/** Options of {@linkcode loadKubeConfig}. */
export interface LoadKubeConfigOptions {
  /** A kubeconfig file (`--kubeconfig`); wins over `KUBECONFIG`. */
  kubeconfig?: string;
  /** The context to use (`--context`). @default the file's current-context */
  context?: string;
  /** Environment to read `KUBECONFIG`, `HOME` and `KUBERNETES_SERVICE_*` from. @default those variables of Deno.env */
  env?: Record<string, string | undefined>;
  /** The in-cluster service account directory. @default "/var/run/secrets/kubernetes.io/serviceaccount" */
  serviceAccountDir?: string;
}

/**
 * The loaded kubeconfig: `@kubernetes/client-node`'s `KubeConfig`.
 * @internal
 */
export type LoadedKubeConfig = KubeConfig;

const ENV_NAMES = [
  "KUBECONFIG",
  "HOME",
  "USERPROFILE",
  "KUBERNETES_SERVICE_HOST",
  "KUBERNETES_SERVICE_PORT",
];
const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
const FIX_HINT = "Pass --kubeconfig, set KUBECONFIG, or run `nopea sandbox` for a local cluster";

function invalid(message: string, hint: string, cause?: unknown): NopeaError {
  return new NopeaError("KUBECONFIG_INVALID", message, { hint, ...(cause ? { cause } : {}) });
}

/** Whether the file exists; a refused read permission is said, not taken for "missing". */
function exists(path: string, what = "the kubeconfig"): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    const refused = asPermissionError(error, what);
    if (refused) throw refused;
    return false;
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash) || "/";
}

function readFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(Deno.readTextFileSync(path));
  } catch (cause) {
    const refused = asPermissionError(cause, "the kubeconfig");
    if (refused) throw refused;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw invalid(
      `Cannot load kubeconfig "${path}": ${why}`,
      "Fix the file, or point --kubeconfig / KUBECONFIG at another one",
      cause,
    );
  }
  kc.makePathsAbsolute(dirOf(path));
  return kc;
}

/** Merges files the way kubectl does: the first file to define a name (or current-context) wins. */
function mergeFiles(paths: readonly string[]): KubeConfig {
  const [first, ...rest] = paths.map(readFile);
  if (!first) throw invalid("No kubeconfig file to load", FIX_HINT);
  const merged = {
    clusters: [...first.clusters],
    users: [...first.users],
    contexts: [...first.contexts],
  };
  let current = first.currentContext;
  for (const kc of rest) {
    for (const part of ["clusters", "users", "contexts"] as const) {
      const names = new Set(merged[part].map((e) => e.name));
      const added = (kc[part] as { name: string }[]).filter((e) => !names.has(e.name));
      (merged[part] as { name: string }[]).push(...added);
    }
    current ||= kc.currentContext;
  }
  const out = new KubeConfig();
  out.loadFromOptions({ ...merged, currentContext: current });
  return out;
}

function fromKubeconfigEnv(list: string): KubeConfig {
  const separator = Deno.build.os === "windows" ? ";" : ":";
  const files = list.split(separator).filter((f) => f !== "");
  const present = files.filter((file) => exists(file));
  if (present.length === 0) {
    throw invalid(
      `Cannot load kubeconfig: none of the KUBECONFIG files exist (${
        files.map((f) => `"${f}"`).join(", ")
      })`,
      "Fix KUBECONFIG, or pass --kubeconfig",
    );
  }
  return mergeFiles(present);
}

function fromServiceAccount(env: Record<string, string | undefined>, dir: string): KubeConfig {
  const host = env["KUBERNETES_SERVICE_HOST"] ?? "";
  const port = env["KUBERNETES_SERVICE_PORT"] ?? "443";
  const token = `${dir}/token`;
  if (!exists(token, "the service account token")) {
    throw invalid(
      `Cannot use the in-cluster service account: KUBERNETES_SERVICE_HOST is set but "${token}" does not exist`,
      "Mount the service account token (automountServiceAccountToken: true), or pass --kubeconfig",
    );
  }
  const nsFile = `${dir}/namespace`;
  const namespace = exists(nsFile, "the service account namespace")
    ? Deno.readTextFileSync(nsFile).trim()
    : undefined;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{
      name: "in-cluster",
      server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
      caFile: `${dir}/ca.crt`,
      skipTLSVerify: false,
    }],
    users: [{
      name: "in-cluster",
      authProvider: { name: "tokenFile", config: { tokenFile: token } },
    }],
    contexts: [{ name: "in-cluster", cluster: "in-cluster", user: "in-cluster", namespace }],
    currentContext: "in-cluster",
  });
  return kc;
}

function locate(options: LoadKubeConfigOptions, env: Record<string, string | undefined>) {
  if (options.kubeconfig) {
    if (!exists(options.kubeconfig)) {
      throw invalid(
        `Cannot load kubeconfig "${options.kubeconfig}": the file does not exist`,
        "Check the --kubeconfig path",
      );
    }
    return { kc: mergeFiles([options.kubeconfig]), source: `"${options.kubeconfig}"` };
  }
  const list = env["KUBECONFIG"];
  if (list) return { kc: fromKubeconfigEnv(list), source: `KUBECONFIG "${list}"` };
  const home = env["HOME"] ?? env["USERPROFILE"];
  const file = home ? `${home}/.kube/config` : undefined;
  if (file && exists(file)) return { kc: mergeFiles([file]), source: `"${file}"` };
  if (env["KUBERNETES_SERVICE_HOST"]) {
    return {
      kc: fromServiceAccount(env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR),
      source: "the in-cluster service account",
    };
  }
  throw invalid(
    `Cannot find a kubeconfig: KUBECONFIG is not set, "${
      file ?? "~/.kube/config"
    }" does not exist and Nopea is not running in a cluster`,
    FIX_HINT,
  );
}

function selectContext(kc: KubeConfig, wanted: string | undefined, source: string): void {
  const names = kc.contexts.map((c) => `"${c.name}"`).join(", ") || "none";
  const name = wanted ?? kc.currentContext;
  if (!name) {
    throw invalid(
      `Cannot use kubeconfig ${source}: it sets no current-context`,
      `Pass --context (contexts: ${names}), or run "kubectl config use-context <name>"`,
    );
  }
  const ctx: Context | null = kc.getContextObject(name);
  if (!ctx) {
    throw invalid(
      `Cannot use context "${name}" of kubeconfig ${source}: no such context`,
      `Pass one of the contexts the kubeconfig defines: ${names}`,
    );
  }
  if (!ctx.cluster || !kc.getCluster(ctx.cluster)) {
    throw invalid(
      `Cannot use context "${name}" of kubeconfig ${source}: its cluster "${
        ctx.cluster ?? ""
      }" is not defined`,
      "Add the cluster to the kubeconfig, or fix the context's cluster name",
    );
  }
  kc.setCurrentContext(name);
}

/**
 * Loads a kubeconfig like kubectl: `kubeconfig` if given, else every file of
 * `KUBECONFIG` (merged, first definition wins; missing files skipped), else
 * `~/.kube/config`, else the in-cluster service account; then selects `context`.
 *
 * @throws {NopeaError} `KUBECONFIG_INVALID` when no kubeconfig is found, a file is missing
 * or malformed, the context does not exist, or its cluster is not defined; `PERMISSION_DENIED`
 * when Nopea may not read a kubeconfig file or one of the variables it reads.
 *
 * @example Load an explicit file
 * ```ts
 * import { currentNamespace, loadKubeConfig } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, `
 * clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]
 * users: [{ name: u, user: { token: t } }]
 * contexts: [{ name: dev, context: { cluster: c, user: u, namespace: shop } }]
 * current-context: dev
 * `);
 * const kc = loadKubeConfig({ kubeconfig: file, env: {} });
 * equal(currentNamespace(kc), "shop");
 * await Deno.remove(file);
 * ```
 */
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): LoadedKubeConfig {
  const env = options.env ?? readEnvironment(ENV_NAMES);
  const { kc, source } = locate(options, env);
  selectContext(kc, options.context, source);
  return kc;
}

/**
 * The namespace of the current context, else `"default"`.
 *
 * @example
 * ```ts
 * import { currentNamespace } from "./mod.ts";
 * import { KubeConfig } from "@kubernetes/client-node";
 * import { equal } from "node:assert/strict";
 * equal(currentNamespace(new KubeConfig()), "default");
 * ```
 */
export function currentNamespace(kc: KubeConfig): string {
  const name = kc.getCurrentContext();
  return (name ? kc.getContextObject(name)?.namespace : undefined) || "default";
}

/**
 * The API server URL of the current context, checked for use by KubeCluster.
 * @throws {NopeaError} `KUBECONFIG_INVALID` when the context has no cluster or uses plain http.
 */
export function serverOf(kc: KubeConfig): string {
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw invalid(
      "Cannot use the kubeconfig: its current context names no cluster",
      "Load it with loadKubeConfig(), which checks the context and its cluster",
    );
  }
  if (cluster.server.startsWith("http:") && !cluster.skipTLSVerify) {
    throw invalid(
      `Cannot use cluster "${cluster.name}" at "${cluster.server}": plain http is refused`,
      "Use the https:// address of the API server",
    );
  }
  return cluster.server;
}
