import { equal } from "node:assert/strict";
import {
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isQualifiedName,
} from "../../src/manifests/mod.ts";

const TABLE: [string, (value: string) => boolean, string, boolean][] = [
  ["label: simple", isDns1123Label, "web-1", true],
  ["label: 63 characters", isDns1123Label, "a".repeat(63), true],
  ["label: 64 characters", isDns1123Label, "a".repeat(64), false],
  ["label: leading '-'", isDns1123Label, "-web", false],
  ["label: trailing '-'", isDns1123Label, "web-", false],
  ["label: dot", isDns1123Label, "web.v2", false],
  ["label: upper case", isDns1123Label, "Web", false],
  ["label: empty", isDns1123Label, "", false],
  ["subdomain: dotted", isDns1123Subdomain, "prometheuses.monitoring.coreos.com", true],
  [
    "subdomain: 253 characters",
    isDns1123Subdomain,
    `${"a".repeat(63)}.`.repeat(3) + "a".repeat(61),
    true,
  ],
  ["subdomain: 254 characters", isDns1123Subdomain, "a".repeat(254), false],
  ["subdomain: empty label", isDns1123Subdomain, "a..b", false],
  ["subdomain: underscore", isDns1123Subdomain, "a_b", false],
  ["key: plain", isQualifiedName, "app", true],
  ["key: prefixed", isQualifiedName, "app.kubernetes.io/managed-by", true],
  ["key: dots and underscores in the name", isQualifiedName, "a.b_c-d", true],
  ["key: empty name", isQualifiedName, "example.com/", false],
  ["key: two slashes", isQualifiedName, "a/b/c", false],
  ["key: name of 64 characters", isQualifiedName, "a".repeat(64), false],
  ["key: upper-case prefix", isQualifiedName, "Example.com/a", false],
  ["value: empty", isLabelValue, "", true],
  ["value: version", isLabelValue, "v1.2.3_rc-1", true],
  ["value: trailing '.'", isLabelValue, "v1.", false],
  ["value: slash", isLabelValue, "a/b", false],
];

Deno.test("name predicates follow the Kubernetes syntax rules", async (t) => {
  for (const [name, predicate, value, expected] of TABLE) {
    await t.step(name, () => equal(predicate(value), expected));
  }
});
