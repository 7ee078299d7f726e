/** Name checks of kube's apimachinery validation, with its exact messages. */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric " +
  "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', " +
  " or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric " +
  "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. " +
  "'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or " +
  "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. " +
  "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must " +
  "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
  "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric " +
  "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. " +
  "'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function tooLong(max: number): string {
  return `must be no more than ${max} characters`;
}

/** Problems of a DNS-1123 label (namespaces, container names). */
export function dnsLabel(value: string): string[] {
  const out = value.length > 63 ? [tooLong(63)] : [];
  if (!LABEL.test(value)) out.push(LABEL_MSG);
  return out;
}

/** Problems of a DNS-1123 subdomain (most object names). */
export function dnsSubdomain(value: string): string[] {
  const out = value.length > 253 ? [tooLong(253)] : [];
  if (!SUBDOMAIN.test(value)) out.push(SUBDOMAIN_MSG);
  return out;
}

/** Problems of a DNS-1035 label (Service names). */
export function dns1035Label(value: string): string[] {
  const out = value.length > 63 ? [tooLong(63)] : [];
  if (!DNS1035.test(value)) out.push(DNS1035_MSG);
  return out;
}

/** Problems of a path-segment name (RBAC names such as `system:controller:x`). */
export function pathSegmentName(value: string): string[] {
  if (value === "." || value === "..") return [`may not be '${value}'`];
  return ["/", "%"].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`);
}

/** Problems of a qualified name (label and annotation keys: `[prefix/]name`). */
export function qualifiedName(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2) {
    return [
      `a qualified name ${QUALIFIED_MSG} with an optional DNS subdomain prefix and '/' ` +
      "(e.g. 'example.com/MyName')",
    ];
  }
  const name = parts.length === 2 ? parts[1] ?? "" : value;
  const out: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix.length === 0) out.push("prefix part must be non-empty");
    else out.push(...dnsSubdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) return [...out, "name part must be non-empty"];
  if (name.length > 63) out.push(`name part ${tooLong(63)}`);
  if (!QUALIFIED.test(name)) out.push(`name part ${QUALIFIED_MSG}`);
  return out;
}

/** Problems of a label value. */
export function labelValue(value: string): string[] {
  const out = value.length > 63 ? [tooLong(63)] : [];
  if (!LABEL_VALUE.test(value)) out.push(LABEL_VALUE_MSG);
  return out;
}
