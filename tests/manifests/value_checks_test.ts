import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual } from "node:assert/strict";
import { loadManifestSources, MANIFEST_LIMITS } from "../../src/manifests/mod.ts";
import { expectOneError } from "./_expect.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

/** Joins lines with "\n", so that line numbers in the table are easy to count. */
function y(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

const workload = (kind: string, apiVersion: string, ...spec: string[]) =>
  y(`apiVersion: ${apiVersion}`, `kind: ${kind}`, "metadata: {name: w}", "spec:", ...spec);
const pod = (...container: string[]) =>
  y(
    "apiVersion: v1",
    "kind: Pod",
    "metadata: {name: p}",
    "spec:",
    "  containers:",
    "    - name: a",
    "      image: b",
    ...container,
  );
const service = (...port: string[]) =>
  y("apiVersion: v1", "kind: Service", "metadata: {name: s}", "spec:", "  ports:", ...port);
const cronJob = (schedule: string) =>
  y(
    "apiVersion: batch/v1",
    "kind: CronJob",
    "metadata: {name: c}",
    "spec:",
    `  schedule: '${schedule}'`,
  );
const MIB = 1024 * 1024;

/** Values the schemas type but do not bound; the API server refuses each. */
const OUT_OF_RANGE: [name: string, text: string, line: number, field: string, message: string][] = [
  [
    "negative replicas",
    workload("Deployment", "apps/v1", "  replicas: -1"),
    5,
    "spec.replicas",
    "has invalid value -1: must be 0 or more",
  ],
  [
    "negative StatefulSet replicas",
    workload("StatefulSet", "apps/v1", "  replicas: -3"),
    5,
    "spec.replicas",
    "must be 0 or more",
  ],
  [
    "a negative Job backoffLimit",
    workload("Job", "batch/v1", "  backoffLimit: -1"),
    5,
    "spec.backoffLimit",
    "must be 0 or more",
  ],
  [
    "containerPort 0",
    pod("      ports: [{containerPort: 0}]"),
    8,
    "spec.containers[0].ports[0].containerPort",
    "must be between 1 and 65535",
  ],
  [
    "containerPort 70000",
    pod("      ports:", "        - containerPort: 70000"),
    9,
    "spec.containers[0].ports[0].containerPort",
    "has invalid value 70000",
  ],
  [
    "hostPort 65536",
    pod("      ports: [{containerPort: 80, hostPort: 65536}]"),
    8,
    "spec.containers[0].ports[0].hostPort",
    "must be between 0 and 65535",
  ],
  [
    "a Service port 0",
    service("    - port: 0"),
    6,
    "spec.ports[0].port",
    "must be between 1 and 65535",
  ],
  [
    "a Service nodePort 70000",
    service("    - port: 80", "      nodePort: 70000"),
    7,
    "spec.ports[0].nodePort",
    "must be between 0 and 65535",
  ],
  [
    "a targetPort that is no port name",
    service("    - port: 80", "      targetPort: my_port"),
    7,
    "spec.ports[0].targetPort",
    "IANA service name",
  ],
  [
    "a minute of 61",
    cronJob("61 * * * *"),
    5,
    "spec.schedule",
    'the minute "61" is not valid (0-59)',
  ],
  ["three cron fields", cronJob("* * *"), 5, "spec.schedule", "must have 5 fields"],
  ["a step of 0", cronJob("*/0 * * * *"), 5, "spec.schedule", 'the minute "*/0"'],
  [
    "day of week 7",
    cronJob("0 0 * * 7"),
    5,
    "spec.schedule",
    'the day of week "7" is not valid (0-6)',
  ],
  [
    "a month name that is none",
    cronJob("0 0 1 JANUARY *"),
    5,
    "spec.schedule",
    'the month "JANUARY"',
  ],
  [
    "a time zone in the schedule",
    cronJob("TZ=UTC 0 * * * *"),
    5,
    "spec.schedule",
    "use spec.timeZone",
  ],
  [
    "an unknown descriptor",
    cronJob("@sometimes"),
    5,
    "spec.schedule",
    'unknown descriptor "@sometimes"',
  ],
  [
    "ConfigMap data over 1 MiB",
    y(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata: {name: c}",
      "data:",
      `  a: '${"x".repeat(MIB)}'`,
    ),
    4,
    "data",
    "over the limit of 1048576 bytes (1 MiB) for the data of one ConfigMap",
  ],
  [
    "Secret data over 1 MiB once decoded",
    y(
      "apiVersion: v1",
      "kind: Secret",
      "metadata: {name: s}",
      "data:",
      `  a: ${"QUJD".repeat(350_000)}`,
    ),
    4,
    "data",
    "for the data of one Secret",
  ],
];

Deno.test("loadManifestSources() refuses values out of the API server's ranges, at the field's line", async (t) => {
  for (const [name, text, line, field, message] of OUT_OF_RANGE) {
    await t.step(name, () => {
      expectOneError(text, { code: "MANIFEST_INVALID", documentIndex: 1, line, field, message });
    });
  }
});

Deno.test("loadManifestSources() refuses an object over 1.5 MiB as JSON, naming the limit", () => {
  const big = "x".repeat(MANIFEST_LIMITS.objectBytes);
  const text = y(
    "apiVersion: example.com/v1",
    "kind: Blob",
    "metadata: {name: b}",
    `spec: {a: '${big}'}`,
  );
  expectOneError(text, {
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    message: "as JSON, the object is 1572949 bytes, over the limit of 1572864 bytes (1.5 MiB)",
  });
});

Deno.test("loadManifestSources() accepts values inside the ranges", () => {
  const schedules = [
    "*/5 * * * *",
    "@hourly",
    "@every 1h30m",
    "0 0 1 JAN MON-FRI",
    "5 4 ? * SUN",
    "0 9-17/2 * * 1,3",
  ];
  const texts = [
    workload("Deployment", "apps/v1", "  replicas: 0"),
    pod("      ports: [{containerPort: 65535, hostPort: 0}]"),
    service("    - port: 443", "      targetPort: https"),
    y(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata: {name: c}",
      "data:",
      `  a: '${"x".repeat(MIB - 1)}'`,
    ),
    ...schedules.map((schedule, i) => cronJob(schedule).replace("name: c", `name: c${i}`)),
  ];
  const loaded = loadManifestSources([{ name: "ok.yaml", text: texts.join("---\n") }]);
  deepEqual(loaded.objects.length, texts.length);
});
