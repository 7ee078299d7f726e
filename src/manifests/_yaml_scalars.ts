// The value of an untagged plain scalar as the `yaml` package reads it with Nopea's options: the
// YAML 1.2 core schema, with YAML 1.1 octal (`0644`) first, as Kubernetes reads it. Same tests,
// same order, same conversions as yaml/dist/schema/core and `legacyOctal` in `_yaml.ts`.
import { defineScalarTag, FAILSAFE_SCHEMA, NOT_RESOLVED } from "js-yaml";

interface PlainTag {
  readonly test: RegExp;
  readonly resolve: (source: string) => unknown;
}

const PLAIN_TAGS: readonly PlainTag[] = [
  { test: /^0[0-7]+$/, resolve: (s) => parseInt(s, 8) },
  { test: /^(?:~|[Nn]ull|NULL)?$/, resolve: () => null },
  { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, resolve: (s) => s[0] === "t" || s[0] === "T" },
  { test: /^0o[0-7]+$/, resolve: (s) => parseInt(s.substring(2), 8) },
  { test: /^[-+]?[0-9]+$/, resolve: (s) => parseInt(s, 10) },
  { test: /^0x[0-9a-fA-F]+$/, resolve: (s) => parseInt(s.substring(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (s) =>
      s.slice(-3).toLowerCase() === "nan"
        ? NaN
        : s[0] === "-"
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY,
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, resolve: parseFloat },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, resolve: parseFloat },
];

/** Characters a non-string plain scalar can start with (anything else is a string at once). */
const NON_STRING_START = /^[-+.~0-9nNtTfF]|^$/;

/**
 * The value of the plain scalar `source`, or `undefined` when it is a string.
 *
 * @example
 * ```ts
 * import { resolvePlainScalar } from "./_yaml_scalars.ts";
 * import { equal } from "node:assert/strict";
 * equal(resolvePlainScalar("0644"), 420);
 * equal(resolvePlainScalar("yes"), undefined);
 * ```
 */
export function resolvePlainScalar(source: string): unknown {
  if (!NON_STRING_START.test(source)) return undefined;
  for (const tag of PLAIN_TAGS) {
    if (tag.test.test(source)) return tag.resolve(source);
  }
  return undefined;
}

/** Thrown inside the parser when a scalar needs the reference reader. */
class NotPlain extends Error {}

const plainScalars = defineScalarTag("tag:nopea,2026:plain", {
  implicit: true,
  resolve: (source) => {
    const value = resolvePlainScalar(source);
    if (typeof value === "number" && !Number.isFinite(value)) throw new NotPlain();
    return value === undefined ? NOT_RESOLVED : value;
  },
  identify: () => false,
});

/** js-yaml's schema for the fast path: untagged plain scalars resolved as `resolvePlainScalar`. */
export const PLAIN_SCALARS_SCHEMA = FAILSAFE_SCHEMA.withTags(plainScalars);
