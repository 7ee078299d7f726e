import { deepEqual, equal, ok } from "node:assert/strict";
import {
  binaryRequest,
  buildDeployEvent,
  type DeployEventInput,
  MemoryEventSink,
} from "../../src/events/mod.ts";
import { schemaProblems } from "./_schema.ts";

const OPTIONS = {
  source: "/nopea/prod-cluster",
  id: "5a3f0f7e-2c1d-4b8e-9a57-0d6c1e2f3a4b",
  now: "2026-03-06T12:00:00Z",
};

const BASE: DeployEventInput = {
  deployId: "01JQ7Z0000000000000000000A",
  service: "payments",
  namespace: "prod",
  strategy: "canary",
  status: "completed",
  durationMs: 1500,
  images: ["registry.example/payments:2.3.1", "envoy:1.30"],
  firstDeploy: false,
};

Deno.test("buildDeployEvent() picks the event type from the deploy's status", async (t) => {
  const cases: [string, Partial<DeployEventInput>, string | undefined][] = [
    ["first completed deploy", { firstDeploy: true }, "dev.cdevents.service.deployed.0.2.0"],
    ["later completed deploy", {}, "dev.cdevents.service.upgraded.0.2.0"],
    ["rollback", { status: "rolledback" }, "dev.cdevents.service.rolledback.0.2.0"],
    ["rollback of a first deploy", {
      status: "rolledback",
      firstDeploy: true,
    }, "dev.cdevents.service.rolledback.0.2.0"],
    ["failed deploy", { status: "failed" }, undefined],
    ["progressing deploy", { status: "progressing", firstDeploy: true }, undefined],
  ];
  for (const [name, change, type] of cases) {
    await t.step(`${name} → ${type ?? "no event"}`, () => {
      const event = buildDeployEvent({ ...BASE, ...change }, OPTIONS);
      equal(event?.context.type, type);
      if (event) deepEqual(schemaProblems(JSON.parse(JSON.stringify(event))), []);
    });
  }
});

Deno.test("buildDeployEvent() fills context, subject and customData as external-formats §4.3", () => {
  const event = buildDeployEvent(BASE, OPTIONS);
  deepEqual(event, {
    context: {
      version: "0.4.1",
      id: OPTIONS.id,
      source: "/nopea/prod-cluster",
      type: "dev.cdevents.service.upgraded.0.2.0",
      timestamp: "2026-03-06T12:00:00Z",
    },
    subject: {
      id: "prod/payments",
      source: "/nopea/prod-cluster",
      type: "service",
      content: {
        environment: { id: "prod", source: "/api/v1/namespaces/prod" },
        artifactId: "registry.example/payments:2.3.1",
      },
    },
    customData: {
      nopea: { deploy_id: BASE.deployId, strategy: "canary", duration_ms: 1500 },
    },
    customDataContentType: "application/json",
  });
});

Deno.test("buildDeployEvent() names a deploy without images as a generic purl", () => {
  const event = buildDeployEvent({ ...BASE, images: [] }, OPTIONS);
  equal(
    event?.subject.content.artifactId,
    "pkg:generic/prod/payments@01JQ7Z0000000000000000000A",
  );
  deepEqual(schemaProblems(event), []);
});

Deno.test("schemaProblems() reports additional properties and missing fields at every level", () => {
  const event = JSON.parse(JSON.stringify(buildDeployEvent(BASE, OPTIONS)));
  event.extra = 1;
  event.context.extra = 1;
  delete event.subject.type;
  event.subject.content.environment.name = "prod";
  delete event.subject.content.artifactId;
  deepEqual(schemaProblems(event), [
    "$.extra: additional property",
    "$.context.extra: additional property",
    "$.subject.type: required",
    `$.subject.type: not "service"`,
    "$.subject.content.artifactId: required",
    "$.subject.content.artifactId: not a non-empty string",
    "$.subject.content.environment.name: additional property",
  ]);
});

Deno.test("binaryRequest() maps the CDEvent onto CloudEvents binary-mode headers", () => {
  const event = buildDeployEvent({ ...BASE, firstDeploy: true }, OPTIONS)!;
  const request = binaryRequest(event);
  deepEqual(request.headers, {
    "ce-specversion": "1.0",
    "ce-id": OPTIONS.id,
    "ce-source": "/nopea/prod-cluster",
    "ce-type": "dev.cdevents.service.deployed.0.2.0",
    "ce-subject": "prod/payments",
    "ce-time": "2026-03-06T12:00:00Z",
    "content-type": "application/json",
  });
  deepEqual(JSON.parse(request.body), event);
});

Deno.test("MemoryEventSink records copies of what it was given, in order", async () => {
  const sink = new MemoryEventSink("/nopea/here");
  const first = buildDeployEvent({ ...BASE, firstDeploy: true }, OPTIONS)!;
  sink.emit(first);
  sink.emit(buildDeployEvent(BASE, OPTIONS)!);
  first.subject.id = "changed";
  await sink.flush();
  equal(sink.source, "/nopea/here");
  deepEqual(sink.events.map((e) => [e.subject.id, e.context.type]), [
    ["prod/payments", "dev.cdevents.service.deployed.0.2.0"],
    ["prod/payments", "dev.cdevents.service.upgraded.0.2.0"],
  ]);
  ok(sink.events[0] !== first);
});
