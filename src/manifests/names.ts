/** Kubernetes name syntax: DNS-1123 labels and subdomains, label keys and values, port names. */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])*$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * True for a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending
 * with a letter or digit (Namespace and Service names, container names, Nopea service names).
 *
 * @example
 * ```ts
 * import { isDns1123Label } from "./names.ts";
 * import { equal } from "node:assert/strict";
 * equal(isDns1123Label("checkout-api"), true);
 * equal(isDns1123Label("api.v2"), false);
 * ```
 */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/**
 * True for a DNS-1123 subdomain: dot-separated labels, at most 253 characters (most object names).
 *
 * @example
 * ```ts
 * import { isDns1123Subdomain } from "./names.ts";
 * import { equal } from "node:assert/strict";
 * equal(isDns1123Subdomain("prometheuses.monitoring.coreos.com"), true);
 * equal(isDns1123Subdomain("Api"), false);
 * ```
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && SUBDOMAIN.test(value);
}

/**
 * True for a label or annotation key: an optional DNS-1123 subdomain prefix (at most 253
 * characters) and '/', then a name of at most 63 alphanumerics, '-', '_' or '.'.
 *
 * @example
 * ```ts
 * import { isQualifiedName } from "./names.ts";
 * import { equal } from "node:assert/strict";
 * equal(isQualifiedName("app.kubernetes.io/name"), true);
 * equal(isQualifiedName("-app"), false);
 * ```
 */
export function isQualifiedName(key: string): boolean {
  return qualifiedNameProblem(key) === undefined;
}

/**
 * True for a label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and
 * ending with an alphanumeric.
 *
 * @example
 * ```ts
 * import { isLabelValue } from "./names.ts";
 * import { equal } from "node:assert/strict";
 * equal(isLabelValue("v1.2.3"), true);
 * equal(isLabelValue("a b"), false);
 * ```
 */
export function isLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && QUALIFIED_NAME.test(value));
}

/** Why `key` is not a valid label/annotation key, or `undefined` when it is. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return `the prefix "${prefix}" must be a DNS-1123 subdomain of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63) {
    return `the name part must have 1 to 63 characters, not ${name.length}`;
  }
  if (!QUALIFIED_NAME.test(name)) {
    return "the name part must consist of alphanumerics, '-', '_' or '.', " +
      "starting and ending with an alphanumeric";
  }
  return undefined;
}

/** Why `value` is not a valid port name (IANA_SVC_NAME), or `undefined` when it is. */
export function portNameProblem(value: string): string | undefined {
  const ok = value.length <= 15 && IANA_SVC_NAME.test(value) && /[a-z]/.test(value) &&
    !value.includes("--");
  return ok ? undefined : "must be an IANA service name: at most 15 lowercase letters, digits " +
    "and single '-', with at least one letter";
}

/** Why `value` is not a valid ConfigMap/Secret data key, or `undefined` when it is. */
export function dataKeyProblem(value: string): string | undefined {
  const ok = value.length <= 253 && DATA_KEY.test(value) && value !== "." &&
    !value.startsWith("..");
  return ok ? undefined : "must consist of alphanumerics, '-', '_' or '.', at most 253 " +
    "characters, and not start with '..'";
}

/** The name syntax the API server enforces for a kind. */
export type NameRule = "label" | "subdomain" | "path-segment";

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

/** Namespace and Service names are labels; RBAC names are path segments (':' allowed). */
export function nameRuleFor(group: string, kind: string): NameRule {
  if (group === "" && (kind === "Namespace" || kind === "Service")) return "label";
  if (group === "rbac.authorization.k8s.io" && RBAC_KINDS.has(kind)) return "path-segment";
  return "subdomain";
}

/** Why `name` breaks `rule`, or `undefined` when it does not. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case "label":
      return isDns1123Label(name) ? undefined : "must be a DNS-1123 label: at most 63 " +
        "lowercase letters, digits and '-', starting and ending with a letter or digit";
    case "subdomain":
      return isDns1123Subdomain(name) ? undefined : "must be a DNS-1123 subdomain: at most 253 " +
        "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
    case "path-segment":
      return name === "." || name === ".." || /[/%]/.test(name) || name.length > 253
        ? "must not be \".\" or \"..\" and must not contain '/' or '%'"
        : undefined;
  }
}
