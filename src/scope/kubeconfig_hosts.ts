/**
 * The API server of the selected kubeconfig context, read with the least code: `js-yaml` and the
 * few fields that name it (the main thread must not load `src/kube/` or the `yaml` package just
 * to learn one `host:port`). Same files, merge rules and context choice as `loadKubeConfig`;
 * a kubeconfig it cannot read gives no hosts: the worker's full reader reports what is wrong.
 */
import { load } from "js-yaml";

/** Where the kubeconfig comes from, as `loadKubeConfig` is told. */
export interface KubeconfigSources {
  /** `--kubeconfig`: wins over `KUBECONFIG`. */
  kubeconfig?: string | undefined;
  /** `--context`; else the first current-context of the merged files. */
  context?: string | undefined;
  /** `KUBECONFIG`, `HOME`, `USERPROFILE`, `KUBERNETES_SERVICE_HOST` / `_PORT`. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The raw fields of a kubeconfig entry. */
export type Fields = Record<string, unknown>;

/** The selected context's cluster: its raw `cluster` fields, and the folder of the file naming it. */
export interface SelectedCluster {
  fields: Fields;
  /** Relative file references (`certificate-authority`) are resolved against this folder. */
  dir: string;
}

const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

interface Named {
  name: string;
  fields: Fields;
}

const fieldsOf = (v: unknown): Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v as Fields : {};

const isFile = (path: string): boolean => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
};

/** The named entries of a list (`clusters`, `contexts`), with the mapping under `key`. */
function entries(doc: Fields, list: string, key: string): Named[] {
  const value = doc[list];
  if (!Array.isArray(value)) return [];
  return value.map(fieldsOf).flatMap((entry) =>
    typeof entry["name"] === "string" ? [{ name: entry["name"], fields: fieldsOf(entry[key]) }] : []
  );
}

/** The files to merge, in order; `undefined` when the in-cluster service account applies. */
function filesOf(sources: KubeconfigSources): string[] | undefined {
  if (sources.kubeconfig) return [sources.kubeconfig];
  const list = sources.env["KUBECONFIG"];
  if (list) return list.split(Deno.build.os === "windows" ? ";" : ":").filter((f) => f !== "");
  const home = sources.env["HOME"] ?? sources.env["USERPROFILE"];
  const file = home ? `${home}/.kube/config` : undefined;
  return file && isFile(file) ? [file] : undefined;
}

/** The folder a kubeconfig file's relative paths are resolved against, as `loadKubeConfig` does. */
function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash) || "/";
}

/** The selected context's cluster entry, merged like kubectl: the first file to name it wins. */
function fromFiles(
  files: readonly string[],
  wanted: string | undefined,
): SelectedCluster | undefined {
  const clusters = new Map<string, SelectedCluster>(), contexts = new Map<string, Fields>();
  let current = "";
  for (const file of files.filter(isFile)) {
    const doc = fieldsOf(load(Deno.readTextFileSync(file)));
    for (const { name, fields } of entries(doc, "clusters", "cluster")) {
      if (!clusters.has(name)) clusters.set(name, { fields, dir: dirOf(file) });
    }
    for (const { name, fields } of entries(doc, "contexts", "context")) {
      if (!contexts.has(name)) contexts.set(name, fields);
    }
    const named = doc["current-context"];
    current ||= typeof named === "string" ? named : "";
  }
  const clusterName = contexts.get(wanted ?? current)?.["cluster"];
  return typeof clusterName === "string" ? clusters.get(clusterName) : undefined;
}

/** The in-cluster service account's cluster: `KUBERNETES_SERVICE_HOST:PORT`, its `ca.crt`. */
function inCluster(
  sources: KubeconfigSources,
  serviceAccountDir: string,
): SelectedCluster | undefined {
  const host = sources.env["KUBERNETES_SERVICE_HOST"];
  if (!host || (sources.context && sources.context !== "in-cluster")) return undefined;
  const port = sources.env["KUBERNETES_SERVICE_PORT"] ?? "443";
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return { fields: { server, "certificate-authority": "ca.crt" }, dir: serviceAccountDir };
}

/**
 * The selected context's cluster entry (its raw fields and the folder its relative paths are
 * resolved against), or `undefined` when there is none. Throws when a file cannot be read or parsed.
 */
export function selectedCluster(
  sources: KubeconfigSources,
  serviceAccountDir = SERVICE_ACCOUNT_DIR,
): SelectedCluster | undefined {
  const files = filesOf(sources);
  return files ? fromFiles(files, sources.context) : inCluster(sources, serviceAccountDir);
}

/**
 * The URLs the selected context reaches: its cluster's `server` and `proxy-url`; for the
 * in-cluster service account, `https://KUBERNETES_SERVICE_HOST:PORT`. Empty when there is no
 * usable kubeconfig.
 */
export function kubeconfigServerUrls(sources: KubeconfigSources): string[] {
  try {
    const fields = selectedCluster(sources)?.fields ?? {};
    return [fields["server"], fields["proxy-url"]].filter((u) => typeof u === "string");
  } catch {
    // Unreadable or malformed: no cluster to reach. The worker's reader says why, if it needs one.
    return [];
  }
}
