/** buildDeployEvent(): a finished deploy → the CDEvent v0.4.1 that announces it. Pure. */
import type { DeployStatus } from "../deploys/mod.ts";
import { type CdEvent, CDEVENTS_VERSION, type CdEventType } from "./cdevent.ts";

/** What the builder reads from a finished deploy (a `DeployResult` plus images and history). */
export interface DeployEventInput {
  /** The deploy's ULID. */
  deployId: string;
  /** The service deployed. */
  service: string;
  /** The namespace deployed to. */
  namespace: string;
  /** The strategy used (`direct`, `canary`, `blue_green`). */
  strategy: string;
  /** How the deploy ended. */
  status: DeployStatus;
  /** How long the deploy took. */
  durationMs: number;
  /** The container images of the deploy, in manifest order. */
  images: readonly string[];
  /** Whether this is the service's first deploy in this namespace that memory knows of. */
  firstDeploy: boolean;
}

/** Options of {@linkcode buildDeployEvent}. */
export interface BuildEventOptions {
  /** `context.source` (and `subject.source`): `/nopea/<cluster host>`. */
  source: string;
  /** `context.id`: a fresh UUID. */
  id: string;
  /** `context.timestamp` (RFC 3339). */
  now: string;
}

function typeOf(input: DeployEventInput): CdEventType | undefined {
  if (input.status === "rolledback") return "dev.cdevents.service.rolledback.0.2.0";
  if (input.status !== "completed") return undefined;
  return input.firstDeploy
    ? "dev.cdevents.service.deployed.0.2.0"
    : "dev.cdevents.service.upgraded.0.2.0";
}

/**
 * The artifact: the first container image as written (`nginx:1.27`, KULTA's convention, not a
 * purl); a deploy without images names the deploy as `pkg:generic/<ns>/<service>@<deployId>`.
 */
function artifactOf(input: DeployEventInput): string {
  return input.images.find((i) => i.length > 0) ??
    `pkg:generic/${input.namespace}/${input.service}@${input.deployId}`;
}

/**
 * The CDEvent announcing a finished deploy: `service.deployed` for a first completed deploy,
 * `service.upgraded` for a later one, `service.rolledback` for a rollback; `undefined` for a
 * failed or progressing deploy.
 *
 * @example
 * ```ts
 * import { buildDeployEvent } from "./build.ts";
 * import { equal } from "node:assert/strict";
 * const event = buildDeployEvent({
 *   deployId: "01J00000000000000000000000", service: "api", namespace: "prod", strategy: "direct",
 *   status: "completed", durationMs: 1500, images: ["api:2.0"], firstDeploy: false,
 * }, { source: "/nopea/cluster", id: "5a3f0f7e-2c1d-4b8e-9a57-0d6c1e2f3a4b", now: "2026-03-06T12:00:00Z" });
 * equal(event?.context.type, "dev.cdevents.service.upgraded.0.2.0");
 * equal(event?.subject.id, "prod/api");
 * ```
 */
export function buildDeployEvent(
  input: DeployEventInput,
  options: BuildEventOptions,
): CdEvent | undefined {
  const type = typeOf(input);
  if (!type) return undefined;
  return {
    context: {
      version: CDEVENTS_VERSION,
      id: options.id,
      source: options.source,
      type,
      timestamp: options.now,
    },
    subject: {
      id: `${input.namespace}/${input.service}`,
      source: options.source,
      type: "service",
      content: {
        environment: { id: input.namespace, source: `/api/v1/namespaces/${input.namespace}` },
        artifactId: artifactOf(input),
      },
    },
    customData: {
      nopea: {
        "deploy_id": input.deployId,
        strategy: input.strategy,
        "duration_ms": input.durationMs,
      },
    },
    customDataContentType: "application/json",
  };
}
