/**
 * The TLS facts of the selected context's cluster that the main thread's TLS warm-up needs, read
 * with the minimal kubeconfig reader. Anything it cannot read gives no facts (and no warm-up): the
 * worker's full reader is the one that reports a broken kubeconfig.
 */
import { type Fields, type KubeconfigSources, selectedCluster } from "./kubeconfig_hosts.ts";

/** How the selected cluster is reached over TLS. */
export interface ClusterTls {
  /** The API server's URL (`server`). */
  server: string;
  /** The CA to trust, PEM (`certificate-authority-data` or the `certificate-authority` file). */
  caPem?: string | undefined;
  /** `insecure-skip-tls-verify: true`. */
  insecure: boolean;
  /** `tls-server-name`. */
  tlsServerName?: string | undefined;
  /** `proxy-url`. */
  proxyUrl?: string | undefined;
}

/** Where the TLS facts are read from: the kubeconfig sources, and the in-cluster service account. */
export interface ClusterTlsSources extends KubeconfigSources {
  /** Holds the in-cluster `ca.crt`. @default {"/var/run/secrets/kubernetes.io/serviceaccount"} */
  serviceAccountDir?: string | undefined;
}

const optionalText = (fields: Fields, key: string): string | undefined => {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new TypeError(`${key} is not text`);
  return value;
};

/** A relative file reference made absolute against the kubeconfig's folder, as kubectl does. */
function resolved(dir: string, file: string): string {
  if (file.startsWith("/")) return file;
  return `${dir === "/" ? "" : dir}/${file.replace(/^\.\//, "")}`;
}

/** The CA PEM: the base64 data wins over the file, as in the full reader. Throws when unreadable. */
function caPemOf(fields: Fields, dir: string): string | undefined {
  const data = optionalText(fields, "certificate-authority-data");
  if (data) return new TextDecoder("utf-8", { fatal: true }).decode(decodeBase64(data));
  const file = optionalText(fields, "certificate-authority");
  if (!file) return undefined;
  const path = resolved(dir, file);
  // Never a permission prompt: a file the process may not read is the worker's to report.
  if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") {
    throw new Error(`no read permission for ${path}`);
  }
  return Deno.readTextFileSync(path);
}

function decodeBase64(data: string): Uint8Array {
  const binary = atob(data.replace(/\s+/g, ""));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The selected cluster's server, CA, `insecure-skip-tls-verify`, `tls-server-name` and
 * `proxy-url`; `undefined` when there is no cluster or anything about it cannot be read.
 *
 * @example
 * ```ts
 * import { clusterTls } from "./cluster_tls.ts";
 * import { equal } from "node:assert/strict";
 * equal(clusterTls({ kubeconfig: "/nonexistent", env: {} }), undefined);
 * ```
 */
export function clusterTls(sources: ClusterTlsSources): ClusterTls | undefined {
  try {
    const cluster = sources.serviceAccountDir
      ? selectedCluster(sources, sources.serviceAccountDir)
      : selectedCluster(sources);
    if (!cluster) return undefined;
    const { fields, dir } = cluster;
    const server = optionalText(fields, "server");
    const insecure = fields["insecure-skip-tls-verify"] ?? false;
    if (!server || typeof insecure !== "boolean") return undefined;
    return {
      server,
      caPem: caPemOf(fields, dir),
      insecure,
      tlsServerName: optionalText(fields, "tls-server-name"),
      proxyUrl: optionalText(fields, "proxy-url"),
    };
  } catch {
    // Unreadable file, bad base64, not text: no warm-up; the worker's reader reports it if needed.
    return undefined;
  }
}
