import { equal, ok } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { buildRecord, failedRecord } from "./_factory.ts";
import { reordered, scannedAsParsed, seeded } from "./_replay_scan_oracle.ts";

/** Records as Nopea writes them, each with a different set of the optional fields. */
const WRITTEN: DeployRecord[] = [
  buildRecord(),
  failedRecord("Timeout"),
  failedRecord("CrashLoopBackOff", {
    error: { code: "KUBE_SERVER_ERROR", message: 'said "no" — twice', errorClass: "Timeout" },
  }),
  buildRecord({ operation: "heal", manifestsHash: "a".repeat(64), prune: false }),
  buildRecord({ status: "rolledback", rollbackOf: "01JPREV", operation: "rollback" }),
  buildRecord({
    trigger: "webhook",
    source: { name: "app", repo: "https://git.example/app", branch: "main", commit: "c1" },
  }),
  buildRecord({
    strategy: "canary",
    strategyReasons: ['fails about 30% of its deploys: "6 of its last 20"', "naïve ünïcode ✓ 😀"],
    warnings: ["line\nbreak\ttab \\ slash \u0001"],
    dependsOn: ["db", "cache"],
    images: [],
    resources: [
      {
        key: "Deployment.apps/prod/api",
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "api",
        action: "failed",
        readiness: "failed",
        message: "back-off",
        problems: [{ pod: "api-1", reason: "CrashLoopBackOff", restarts: 3 }] as never,
        error: { code: "DEPLOY_FAILED", message: "x" },
      },
      {
        key: "Service/prod/api",
        apiVersion: "v1",
        kind: "Service",
        name: "api",
        action: "skipped",
      },
    ],
  }),
  buildRecord({ resources: [], finishedAt: "2026-02-29T23:59:59.999Z" }),
  buildRecord({ finishedAt: "2026-03-31T12:00:00Z", durationMs: 1.5e-7, driftCount: -0 }),
];

Deno.test("the record scanner reads every record shape Nopea writes, with the values JSON.parse gives", () => {
  for (const record of WRITTEN) ok(scannedAsParsed(JSON.stringify(record)), JSON.stringify(record));
  const [first] = WRITTEN as [DeployRecord];
  ok(scannedAsParsed(reordered(first, ["warnings", "status", "resources", "images"])));
});

const text = (record: DeployRecord, edit: (fields: Record<string, unknown>) => void) => {
  const fields = structuredClone(record) as unknown as Record<string, unknown>;
  edit(fields);
  return JSON.stringify(fields);
};
const good = JSON.stringify(WRITTEN[1]);

Deno.test("the record scanner leaves to JSON.parse what it does not vouch for, or reads it as JSON.parse does", () => {
  const cases: [string, string, boolean | "either"][] = [
    ["whitespace", good.replace('"service":', '"service": '), false],
    ["duplicate key", good.replace("{", '{"status":"completed",'), false],
    ["unknown key", text(WRITTEN[0]!, (r) => r["extra"] = 1), false],
    ["missing key", text(WRITTEN[0]!, (r) => delete r["warnings"]), false],
    ["escaped key", good.replace('"service":', '"serv\\u0069ce":'), false],
    ["0.1 record", text(WRITTEN[0]!, (r) => (delete r["driftCount"], r["drift"] = 2)), false],
    ["escaped service", good.replace('"service":"api"', '"service":"a\\u0070i"'), false],
    ["non-ASCII service", good.replace('"service":"api"', '"service":"äpi"'), false],
    ["bad status", good.replace('"status":"failed"', '"status":"exploded"'), false],
    ["number as string", good.replace('"durationMs":30000', '"durationMs":"30000"'), false],
    ["leading zero", good.replace('"durationMs":30000', '"durationMs":030000'), false],
    ["bare dot", good.replace('"durationMs":30000', '"durationMs":30000.'), false],
    ["plus sign", good.replace('"durationMs":30000', '"durationMs":+30000'), false],
    ["exponent", good.replace('"durationMs":30000', '"durationMs":3E+4'), true],
    ["negative fraction", good.replace('"durationMs":30000', '"durationMs":-0.5e-3'), true],
    ["error without code", good.replace('"code":"DEPLOY_FAILED",', ""), false],
    ["error code twice", good.replace('"code":"DEPLOY_FAILED"', '"code":1,"code":"X"'), true],
    ["error an array", text(WRITTEN[1]!, (r) => r["error"] = ["x"]), false],
    [
      "deep nesting",
      good.replace('"message":', `"deep":${"[".repeat(40)}${"]".repeat(40)},"m":`),
      false,
    ],
    ["escape \\x", good.replace("pod api-1", "pod \\x"), false],
    ["escape \\u12G4", good.replace("pod api-1", "pod \\u12G4"), false],
    ["lone surrogate", good.replace("pod api-1", "pod \\ud800"), true],
    ["control byte", good.replace("pod api-1", "pod \u0001"), false],
    [
      "bad date",
      good.replace(/"finishedAt":"[^"]+"/, '"finishedAt":"2026-13-01T00:00:00.000Z"'),
      false,
    ],
    [
      "odd date",
      good.replace(/"finishedAt":"[^"]+"/, '"finishedAt":"Jan 2, 2026 10:00 UTC"'),
      true,
    ],
    ["trailing comma", good.replace(',"warnings":[]', ',"warnings":[],'), false],
    ["truncated", good.slice(0, -1), false],
  ];
  for (const [name, mutated, expected] of cases) {
    const scanned = scannedAsParsed(mutated);
    if (expected !== "either") equal(scanned, expected, name);
  }
});

Deno.test("mutated records are read as JSON.parse + checkedRecord read them, or left to them", () => {
  const random = seeded(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const tokens = ['"', "\\", ",", ":", "{", "}", "[", "]", "0", "-", ".", "e", " ", "\t", "\u0001"]
    .concat(["é", "😀", "\\u00e9", "\\n", "\\\\", "1e5", "-0", "null", "true", "[]", "{}", "a"]);
  let scanned = 0;
  let mutations = 0;
  for (const record of WRITTEN) {
    const written = JSON.stringify(record);
    for (let n = 0; n < 400; n++) {
      const at = Math.floor(random() * written.length);
      const cut = Math.floor(random() * 4);
      const mutated = written.slice(0, at) + (random() < 0.8 ? pick(tokens) : "") +
        written.slice(at + cut);
      mutations++;
      if (scannedAsParsed(mutated)) scanned++;
    }
  }
  ok(scanned > mutations / 20, `some mutations are still valid records (${scanned})`);
  ok(scanned < mutations, "most are not");
});
