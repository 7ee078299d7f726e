import { deepEqual, equal } from "node:assert/strict";
import { errorResponse, httpStatusFor } from "../../src/http/mod.ts";
import { type ErrorCode, NopeaError } from "../../src/shared/mod.ts";

Deno.test("httpStatusFor() maps every error code to its status", async (t) => {
  const cases: [ErrorCode, number][] = [
    ["SPEC_INVALID", 400],
    ["MANIFEST_PARSE", 400],
    ["MANIFEST_INVALID", 400],
    ["KUBE_NOT_FOUND_KIND", 400],
    ["SERVICE_NOT_FOUND", 404],
    ["DEPLOY_NOT_FOUND", 404],
    ["DEPLOY_IN_PROGRESS", 409],
    ["KULTA_NOT_INSTALLED", 422],
    ["KUBE_UNREACHABLE", 503],
    ["KUBECONFIG_INVALID", 503],
    ["MEMORY_LOCKED", 503],
    ["PERMISSION_DENIED", 503],
    ["DEPLOY_TIMEOUT", 504],
    ["KUBE_UNAUTHORIZED", 502],
    ["KUBE_FORBIDDEN", 502],
    ["KUBE_NOT_FOUND", 502],
    ["KUBE_CONFLICT", 502],
    ["KUBE_INVALID", 502],
    ["KUBE_SERVER_ERROR", 502],
    ["MEMORY_IO", 500],
    ["INTERNAL", 500],
  ];
  for (const [code, status] of cases) {
    await t.step(`${code} is ${status}`, () => {
      equal(httpStatusFor(new NopeaError(code, "x")), status);
    });
  }
  await t.step("a value that is not a NopeaError is 500", () => equal(httpStatusFor("boom"), 500));
});

Deno.test("errorResponse() keeps details for client errors only and hides internals", async (t) => {
  await t.step("a 409 keeps its details", () => {
    const error = new NopeaError("DEPLOY_IN_PROGRESS", "Busy", {
      hint: "Wait",
      details: { service: "web" },
    });
    deepEqual(errorResponse(error), {
      status: 409,
      body: {
        code: "DEPLOY_IN_PROGRESS",
        message: "Busy",
        hint: "Wait",
        details: { service: "web" },
      },
    });
  });
  await t.step("a 5xx drops its details", () => {
    const error = new NopeaError("MEMORY_IO", "Cannot write", { details: { path: "/srv/x" } });
    deepEqual(errorResponse(error).body, { code: "MEMORY_IO", message: "Cannot write" });
  });
  await t.step("INTERNAL says nothing of the fault", () => {
    const { status, body } = errorResponse(new NopeaError("INTERNAL", "stack at /srv/app.ts:1"));
    equal(status, 500);
    equal(body.message, "Internal error");
  });
});
