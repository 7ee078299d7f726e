/**
 * The CDEvents v0.4.1 service-event schema rules (external-formats §4.2) as a checker: required
 * fields, `additionalProperties: false` at every level, exact type enum, non-empty strings.
 */

const TYPES = new Set([
  "dev.cdevents.service.deployed.0.2.0",
  "dev.cdevents.service.upgraded.0.2.0",
  "dev.cdevents.service.rolledback.0.2.0",
  "dev.cdevents.service.removed.0.2.0",
]);
const WITH_ARTIFACT = /\.service\.(deployed|upgraded|rolledback)\./;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URI_REFERENCE = /^[^\s<>"{}|\\^`]+$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function level(
  problems: string[],
  path: string,
  value: unknown,
  allowed: readonly string[],
  required: readonly string[],
): Obj {
  if (!isObj(value)) {
    problems.push(`${path}: not an object`);
    return {};
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push(`${path}.${key}: additional property`);
  }
  for (const key of required) if (!(key in value)) problems.push(`${path}.${key}: required`);
  return value;
}

function nonEmpty(problems: string[], path: string, value: unknown, pattern?: RegExp): void {
  if (typeof value !== "string" || value.length === 0) {
    problems.push(`${path}: not a non-empty string`);
  } else if (pattern && !pattern.test(value)) problems.push(`${path}: bad format "${value}"`);
}

/** Every way `event` breaks the v0.4.1 service event schema; `[]` when it conforms. */
export function schemaProblems(event: unknown): string[] {
  const p: string[] = [];
  const top = level(p, "$", event, ["context", "subject", "customData", "customDataContentType"], [
    "context",
    "subject",
  ]);
  const ctx = level(
    p,
    "$.context",
    top["context"],
    ["version", "id", "source", "type", "timestamp", "schemaUri", "chainId", "links"],
    ["version", "id", "source", "type", "timestamp"],
  );
  if (ctx["version"] !== "0.4.1") p.push(`$.context.version: not "0.4.1"`);
  nonEmpty(p, "$.context.id", ctx["id"]);
  nonEmpty(p, "$.context.source", ctx["source"], URI_REFERENCE);
  const type = String(ctx["type"]);
  if (!TYPES.has(type)) p.push(`$.context.type: "${type}" is not a service event type`);
  nonEmpty(p, "$.context.timestamp", ctx["timestamp"], RFC3339);
  const subject = level(p, "$.subject", top["subject"], ["id", "source", "type", "content"], [
    "id",
    "type",
    "content",
  ]);
  nonEmpty(p, "$.subject.id", subject["id"]);
  if (subject["type"] !== "service") p.push(`$.subject.type: not "service"`);
  if ("source" in subject) nonEmpty(p, "$.subject.source", subject["source"], URI_REFERENCE);
  const withArtifact = WITH_ARTIFACT.test(type);
  const content = level(
    p,
    "$.subject.content",
    subject["content"],
    ["environment", "artifactId"],
    withArtifact ? ["environment", "artifactId"] : [],
  );
  if (withArtifact) nonEmpty(p, "$.subject.content.artifactId", content["artifactId"]);
  const env = level(p, "$.subject.content.environment", content["environment"], ["id", "source"], [
    "id",
  ]);
  nonEmpty(p, "$.subject.content.environment.id", env["id"]);
  if ("source" in env) nonEmpty(p, "$.subject.content.environment.source", env["source"]);
  if ("customData" in top && !isObj(top["customData"]) && typeof top["customData"] !== "string") {
    p.push("$.customData: neither an object nor a string");
  }
  if ("customDataContentType" in top && typeof top["customDataContentType"] !== "string") {
    p.push("$.customDataContentType: not a string");
  }
  return p;
}
