/**
 * Kubeconfig loading: explicit file, KUBECONFIG (merged like kubectl), ~/.kube/config, in-cluster.
 * Read with the `yaml` package: `@kubernetes/client-node` is not loaded for it.
 */
import { readEnvironment } from "../permissions/mod.ts";
import {
  exists,
  fromKubeconfigEnv,
  fromServiceAccount,
  invalid,
  mergeFiles,
} from "./_kubeconfig_files.ts";
import type { ParsedKubeConfig } from "./parsed_kubeconfig.ts";

/** Options of {@linkcode loadKubeConfig}. */
export interface LoadKubeConfigOptions {
  /** A kubeconfig file (`--kubeconfig`); wins over `KUBECONFIG`. */
  kubeconfig?: string | undefined;
  /** The context to use (`--context`). @default the file's current-context */
  context?: string | undefined;
  /** Environment to read `KUBECONFIG`, `HOME` and `KUBERNETES_SERVICE_*` from. @default those variables of Deno.env */
  env?: Record<string, string | undefined>;
  /** The in-cluster service account directory. @default "/var/run/secrets/kubernetes.io/serviceaccount" */
  serviceAccountDir?: string;
}

const ENV_NAMES = [
  "KUBECONFIG",
  "HOME",
  "USERPROFILE",
  "KUBERNETES_SERVICE_HOST",
  "KUBERNETES_SERVICE_PORT",
];
const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
const FIX_HINT = "Pass --kubeconfig, set KUBECONFIG, or run `nopea sandbox` for a local cluster";

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

function selectContext(kc: ParsedKubeConfig, wanted: string | undefined, source: string): void {
  const names = kc.contexts.map((c) => `"${c.name}"`).join(", ") || "none";
  const name = wanted ?? kc.currentContext;
  if (!name) {
    throw invalid(
      `Cannot use kubeconfig ${source}: it sets no current-context`,
      `Pass --context (contexts: ${names}), or run "kubectl config use-context <name>"`,
    );
  }
  const ctx = kc.getContextObject(name);
  if (!ctx) {
    throw invalid(
      `Cannot use context "${name}" of kubeconfig ${source}: no such context`,
      `Pass one of the contexts the kubeconfig defines: ${names}`,
    );
  }
  if (!ctx.cluster || !kc.getCluster(ctx.cluster)) {
    throw invalid(
      `Cannot use context "${name}" of kubeconfig ${source}: its cluster "${ctx.cluster}" is not defined`,
      "Add the cluster to the kubeconfig, or fix the context's cluster name",
    );
  }
  if (ctx.user && !kc.getUser(ctx.user)) {
    throw invalid(
      `Cannot use context "${name}" of kubeconfig ${source}: its user "${ctx.user}" is not defined`,
      "Add the user to the kubeconfig, or fix the context's user name",
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
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): ParsedKubeConfig {
  const env = options.env ?? readEnvironment(ENV_NAMES);
  const { kc, source } = locate(options, env);
  selectContext(kc, options.context, source);
  return kc;
}
