/** Test factories: deploy records and Secret-bearing manifests. */
import type { DeployRecord } from "../../src/deploys/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";

let counter = 0;

/** A completed direct deploy of "api" to "prod" at 2026-01-01T00:00Z, with overrides. */
export function buildRecord(overrides: Partial<DeployRecord> = {}): DeployRecord {
  counter++;
  const finishedAt = overrides.finishedAt ?? "2026-01-01T00:00:30.000Z";
  const started = new Date(Date.parse(finishedAt) - 30_000).toISOString();
  return {
    deployId: `01JDEPLOY${String(counter).padStart(17, "0")}`,
    service: "api",
    namespace: "prod",
    strategy: "direct",
    strategyReasons: [],
    status: "completed",
    startedAt: started,
    finishedAt,
    durationMs: 30_000,
    resources: [
      {
        key: "Deployment.apps/prod/api",
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "api",
        namespace: "prod",
        action: "configured",
        uid: "u-1",
        resourceVersion: "7",
      },
    ],
    verified: true,
    driftCount: 0,
    images: ["registry.example/api:1.0"],
    dependsOn: [],
    warnings: [],
    ...overrides,
  };
}

/** A failed deploy of `service` with an error class named in the message. */
export function failedRecord(
  errorClass: string,
  overrides: Partial<DeployRecord> = {},
): DeployRecord {
  return buildRecord({
    status: "failed",
    verified: false,
    error: { code: "DEPLOY_FAILED", message: `pod api-1: container api is in ${errorClass}` },
    ...overrides,
  });
}

/** The ISO time `hours` after 2026-01-01T00:00:00Z. */
export function hoursAfter(hours: number): string {
  return new Date(Date.parse("2026-01-01T00:00:00Z") + hours * 3_600_000).toISOString();
}

/** Raw values of the Secret in {@linkcode manifestsWithSecret}. */
export const SECRET_PLAIN = "hunter2-correct-horse";
export const SECRET_TOKEN = "tok-9f8e7d6c5b4a";

/** A Deployment, a ConfigMap and a Secret whose values tests grep for. */
export function manifestsWithSecret(): KubeObject[] {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "prod" },
      spec: {
        template: { spec: { containers: [{ name: "api", image: "registry.example/api:1.0" }] } },
      },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "db",
        namespace: "prod",
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration":
            `{"stringData":{"token":"${SECRET_TOKEN}"}}`,
        },
      },
      data: { password: btoa(SECRET_PLAIN) },
      stringData: { token: SECRET_TOKEN },
    },
  ];
}
