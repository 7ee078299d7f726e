/** resolveSettings: every setting of Nopea, from options (flags) > environment > defaults, once. */
import { isDns1123Label } from "../manifests/mod.ts";
import { resolveMemoryDir } from "../memory/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { readEnvironment } from "../permissions/mod.ts";
import { type KubeAccess, kubeAccess } from "./_kube_access.ts";
import { tunables } from "./_tunables.ts";
import { memoryStoreKind } from "./_memory_store.ts";
import type { NopeaSettings, SettingsOptions } from "./settings_types.ts";

/** The settings and the lazy kubeconfig behind them, for `openEngine`. */
export interface ResolvedWiring {
  settings: NopeaSettings;
  kube: KubeAccess;
}

function namespaceOption(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (isDns1123Label(value)) return value;
  throw new NopeaError(
    "SPEC_INVALID",
    `Invalid option "defaultNamespace" "${value}": expected a namespace name`,
    { hint: "A namespace is a DNS-1123 label: lowercase letters, digits and '-', at most 63" },
  );
}

/** Resolves the settings and the lazy kubeconfig; every value is checked here, the kubeconfig is not read. */
export function resolveWiring(options: SettingsOptions = {}): ResolvedWiring {
  const env = options.env ?? readEnvironment();
  const cwd = options.cwd ?? Deno.cwd();
  const explicitKubeconfig = options.kubeconfig || undefined;
  const context = options.context || undefined;
  const kube = kubeAccess({ kubeconfig: explicitKubeconfig, context, env });
  const namespace = namespaceOption(options.defaultNamespace);
  const settings: NopeaSettings = {
    kubeconfig: explicitKubeconfig ?? (env["KUBECONFIG"] || undefined),
    context,
    memoryDir: resolveMemoryDir({ flag: options.memoryDir, env: env["NOPEA_MEMORY_DIR"], cwd }),
    memoryStore: memoryStoreKind(options.memoryStore, env),
    ...tunables(options, env),
    defaultNamespace: namespace === undefined ? kube.namespace : () => namespace,
  };
  return { settings, kube };
}

/**
 * Resolves every setting of Nopea in one place: explicit options (the CLI's flags) win over the
 * environment (`NOPEA_*`, `KUBECONFIG`), which wins over the defaults. Every value is checked;
 * the kubeconfig is not read until `defaultNamespace()` is called.
 *
 * @param options Explicit values, the environment and the working directory.
 * @returns The checked settings.
 * @throws {NopeaError} `SPEC_INVALID` naming the flag, option or variable and what it accepts
 *
 * @example The environment sets the canary threshold; an explicit value wins
 * ```ts
 * import { resolveSettings } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const env = { NOPEA_CANARY_THRESHOLD: "0.5" };
 * equal(resolveSettings({ env, cwd: "/work" }).canaryThreshold, 0.5);
 * equal(resolveSettings({ env, cwd: "/work", canaryThreshold: 0.9 }).canaryThreshold, 0.9);
 * equal(resolveSettings({ env, cwd: "/work" }).memoryDir, "/work/.nopea");
 * ```
 */
export function resolveSettings(options: SettingsOptions = {}): NopeaSettings {
  return resolveWiring(options).settings;
}
