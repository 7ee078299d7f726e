import { deepEqual, equal, throws } from "node:assert/strict";
import {
  labelSelectorString,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "../../../src/sandbox/core/mod.ts";
import { StatusError } from "../../../src/sandbox/types.ts";

const LABELS = { app: "web", tier: "front", replicas: "3" };

Deno.test("matchesLabels() evaluates every label selector operator", async (t) => {
  const table: [string, boolean][] = [
    ["", true],
    ["app=web", true],
    ["app = web", true],
    ["app==web", true],
    ["app!=web", false],
    ["missing!=x", true],
    ["tier in (front,back)", true],
    ["tier in (back)", false],
    ["tier notin (back)", true],
    ["missing notin (x)", true],
    ["app", true],
    ["missing", false],
    ["!missing", true],
    ["!app", false],
    ["replicas>2", true],
    ["replicas<2", false],
    ["app=web, tier in (front), !canary", true],
    ["app=", false],
  ];
  for (const [selector, expected] of table) {
    await t.step(`"${selector}" → ${expected}`, () => {
      equal(matchesLabels(parseLabelSelector(selector), LABELS), expected);
    });
  }
});

Deno.test("parseLabelSelector() rejects malformed selectors with 400", async (t) => {
  for (const selector of ["a in b", "!", "a in (x", "a b", "a=b=c", "a=bad value!", "a>x"]) {
    await t.step(selector, () => {
      throws(
        () => parseLabelSelector(selector),
        (e) => e instanceof StatusError && e.code === 400 && e.reason === "BadRequest",
      );
    });
  }
});

Deno.test("parseFieldSelector() parses =, ==, != and escapes", () => {
  deepEqual(parseFieldSelector("metadata.name=a\\,b,metadata.namespace!=x,spec.y==z"), [
    { field: "metadata.name", op: "=", value: "a,b" },
    { field: "metadata.namespace", op: "!=", value: "x" },
    { field: "spec.y", op: "=", value: "z" },
  ]);
  throws(() => parseFieldSelector("metadata.name"), StatusError);
});

Deno.test("matchesFields() reads dotted fields, absent ones as empty", () => {
  const obj = { metadata: { name: "a" }, status: { phase: "Running" } };
  equal(matchesFields(parseFieldSelector("status.phase=Running"), obj), true);
  equal(matchesFields(parseFieldSelector("metadata.namespace="), obj), true);
  equal(matchesFields(parseFieldSelector("metadata.name!=a"), obj), false);
});

Deno.test("labelSelectorString() renders matchLabels and matchExpressions sorted by key", () => {
  equal(
    labelSelectorString({
      matchLabels: { tier: "front", app: "web" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["prod", "dev"] },
        { key: "canary", operator: "DoesNotExist" },
      ],
    }),
    "app=web,!canary,env in (dev,prod),tier=front",
  );
});
