/**
 * Reads the text of one kubeconfig file into entries, checking each field it uses and naming the
 * one that is wrong (`clusters[0].cluster.server is missing`). Relative file references are
 * resolved against the file's folder, as kubectl does. Read with `js-yaml` (YAML 1.2 core schema),
 * which the manifest reader has already loaded: the `yaml` package is not needed for it.
 */
import { CORE_SCHEMA, load } from "js-yaml";
import type { KubeconfigCluster, KubeconfigContext, KubeconfigUser } from "./kubeconfig_view.ts";
import type { KubeconfigEntries } from "./parsed_kubeconfig.ts";

type Fields = Record<string, unknown>;

const isFields = (v: unknown): v is Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A string field: absent (or null) is `undefined`; any other type is an error naming the field. */
function text(fields: Fields, key: string, where: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") {
    throw new Error(`${where ? `${where}.` : ""}${key} must be a string`);
  }
  return value;
}

function required(fields: Fields, key: string, where: string): string {
  const value = text(fields, key, where);
  if (!value) throw new Error(`${where}.${key} is missing`);
  return value;
}

function section(fields: Fields, key: string, where: string, optional = false): Fields {
  const value = fields[key];
  if (isFields(value)) return value;
  if (optional && (value === undefined || value === null)) return {};
  throw new Error(
    value === undefined || value === null
      ? `${where}.${key} is missing`
      : `${where}.${key} must be a mapping`,
  );
}

/** A relative file reference made absolute against the kubeconfig's folder. */
function resolved(dir: string, file: string | undefined): string | undefined {
  if (!file || file.startsWith("/")) return file;
  return `${dir === "/" ? "" : dir}/${file.replace(/^\.\//, "")}`;
}

function list(doc: Fields, key: string): Fields[] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${key} must be a list of entries`);
  return value.map((entry, i) => {
    if (!isFields(entry)) throw new Error(`${key}[${i}] must be a mapping with a name`);
    return entry;
  });
}

function clusterOf(entry: Fields, i: number, dir: string): KubeconfigCluster {
  const where = `clusters[${i}]`;
  const name = required(entry, "name", where);
  const c = section(entry, "cluster", where);
  const at = `${where}.cluster`;
  const skip = c["insecure-skip-tls-verify"] ?? false;
  if (typeof skip !== "boolean") {
    throw new Error(`${at}.insecure-skip-tls-verify must be true or false`);
  }
  return {
    name,
    server: required(c, "server", at).replace(/\/$/, ""),
    caData: text(c, "certificate-authority-data", at),
    caFile: resolved(dir, text(c, "certificate-authority", at)),
    skipTLSVerify: skip,
    tlsServerName: text(c, "tls-server-name", at),
    proxyUrl: text(c, "proxy-url", at),
  };
}

function groupsOf(u: Fields, at: string): string[] | undefined {
  const groups = u["as-groups"];
  if (groups === undefined || groups === null) return undefined;
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== "string")) {
    throw new Error(`${at}.as-groups must be a list of group names`);
  }
  return groups as string[];
}

function userOf(entry: Fields, i: number, dir: string): KubeconfigUser {
  const where = `users[${i}]`;
  const name = required(entry, "name", where);
  const u = section(entry, "user", where, true);
  const at = `${where}.user`;
  const exec = u["exec"] === undefined || u["exec"] === null ? undefined : section(u, "exec", at);
  const command = exec ? text(exec, "command", `${at}.exec`) : undefined;
  return {
    name,
    certData: text(u, "client-certificate-data", at),
    certFile: resolved(dir, text(u, "client-certificate", at)),
    keyData: text(u, "client-key-data", at),
    keyFile: resolved(dir, text(u, "client-key", at)),
    token: text(u, "token", at),
    tokenFile: resolved(dir, text(u, "tokenFile", at) ?? text(u, "token-file", at)),
    username: text(u, "username", at),
    password: text(u, "password", at),
    impersonateUser: text(u, "as", at),
    impersonateGroups: groupsOf(u, at),
    impersonateUid: text(u, "as-uid", at),
    exec: exec && command?.includes("/") ? { ...exec, command: resolved(dir, command) } : exec,
    authProvider: u["auth-provider"] ?? undefined,
  };
}

function contextOf(entry: Fields, i: number): KubeconfigContext {
  const where = `contexts[${i}]`;
  const name = required(entry, "name", where);
  const c = section(entry, "context", where);
  const at = `${where}.context`;
  return {
    name,
    cluster: required(c, "cluster", at),
    user: text(c, "user", at) ?? "",
    namespace: text(c, "namespace", at) || undefined,
  };
}

/**
 * The entries of a kubeconfig's text; `dir` is the file's folder.
 * @throws {Error} naming the field that is missing or of the wrong type, or the YAML error
 */
export function parseKubeconfig(source: string, dir: string): KubeconfigEntries {
  const doc: unknown = load(source, { schema: CORE_SCHEMA }) ?? {};
  if (!isFields(doc)) throw new Error("it is not a mapping of clusters, users and contexts");
  return {
    clusters: list(doc, "clusters").map((e, i) => clusterOf(e, i, dir)),
    users: list(doc, "users").map((e, i) => userOf(e, i, dir)),
    contexts: list(doc, "contexts").map((e, i) => contextOf(e, i)),
    currentContext: text(doc, "current-context", "") ?? "",
  };
}
