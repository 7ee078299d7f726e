/** The kubeconfig's files: reading, merging like kubectl, and the in-cluster service account. */
import { NopeaError } from "../shared/mod.ts";
import { asPermissionError } from "../permissions/mod.ts";
import { parseKubeconfig } from "./_kubeconfig_parse.ts";
import { type KubeconfigEntries, ParsedKubeConfig } from "./parsed_kubeconfig.ts";

/** `KUBECONFIG_INVALID` with what to do about it. */
export function invalid(message: string, hint: string, cause?: unknown): NopeaError {
  return new NopeaError("KUBECONFIG_INVALID", message, { hint, ...(cause ? { cause } : {}) });
}

/** Whether the file exists; a refused read permission is said, not taken for "missing". */
export function exists(path: string, what = "the kubeconfig"): boolean {
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

function readFile(path: string): KubeconfigEntries {
  try {
    return parseKubeconfig(Deno.readTextFileSync(path), dirOf(path));
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
}

/** Merges files the way kubectl does: the first file to define a name (or current-context) wins. */
export function mergeFiles(paths: readonly string[]): ParsedKubeConfig {
  const merged: KubeconfigEntries = { clusters: [], users: [], contexts: [], currentContext: "" };
  for (const entries of paths.map(readFile)) {
    for (const part of ["clusters", "users", "contexts"] as const) {
      const names = new Set(merged[part].map((e) => e.name));
      const added = (entries[part] as { name: string }[]).filter((e) => !names.has(e.name));
      (merged[part] as { name: string }[]).push(...added);
    }
    merged.currentContext ||= entries.currentContext;
  }
  return new ParsedKubeConfig(merged);
}

/** The files of `KUBECONFIG` that exist, merged; missing and empty entries are skipped. */
export function fromKubeconfigEnv(list: string): ParsedKubeConfig {
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

/** The in-cluster service account: its token file (read again every minute), CA and namespace. */
export function fromServiceAccount(
  env: Record<string, string | undefined>,
  dir: string,
): ParsedKubeConfig {
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
  return new ParsedKubeConfig({
    clusters: [{
      name: "in-cluster",
      server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
      caFile: `${dir}/ca.crt`,
      skipTLSVerify: false,
    }],
    users: [{ name: "in-cluster", tokenFile: token }],
    contexts: [{ name: "in-cluster", cluster: "in-cluster", user: "in-cluster", namespace }],
    currentContext: "in-cluster",
  });
}
