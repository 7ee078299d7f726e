import { deepEqual, equal, match } from "node:assert/strict";
import {
  credentialsError,
  retitle,
  statusFromBody,
  unknownKindError,
  unreachableError,
} from "../../src/kube/_errors.ts";
import { errorFromStatus } from "../../src/kube/mod.ts";

function fetchFailed(code: string, message: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

Deno.test("statusFromBody() reads Status bodies and plain text", async (t) => {
  await t.step("Status body", () => {
    const body = JSON.stringify({
      kind: "Status",
      status: "Failure",
      message: "nope",
      reason: "Forbidden",
      details: { name: "x" },
      code: 403,
    });
    deepEqual(statusFromBody(403, body), {
      code: 403,
      reason: "Forbidden",
      message: "nope",
      details: { name: "x" },
    });
  });
  await t.step(
    "text body",
    () => deepEqual(statusFromBody(502, " bad gateway\n"), { code: 502, message: "bad gateway" }),
  );
  await t.step("empty body", () => deepEqual(statusFromBody(500, ""), { code: 500 }));
  await t.step(
    "JSON that is not a Status",
    () => deepEqual(statusFromBody(500, "{}"), { code: 500, message: "{}" }),
  );
});

Deno.test("unreachableError() names the server and the cause, with a fitting hint", async (t) => {
  await t.step("refused", () => {
    const err = unreachableError(
      "https://k:6443",
      fetchFailed("ECONNREFUSED", "connect ECONNREFUSED 1.2.3.4:6443"),
    );
    equal(err.code, "KUBE_UNREACHABLE");
    equal(
      err.message,
      'Cannot reach the cluster at "https://k:6443": connect ECONNREFUSED 1.2.3.4:6443',
    );
    match(err.hint ?? "", /VPN/);
    equal(err.details?.["server"], "https://k:6443");
  });
  await t.step("untrusted certificate", () => {
    const err = unreachableError(
      "https://k",
      fetchFailed("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
    );
    match(err.hint ?? "", /certificate-authority/);
  });
});

Deno.test("unknownKindError() names the kind and the apiVersion", () => {
  const err = unknownKindError(
    'Cannot apply Widget "w" in namespace "a"',
    "example.com/v1",
    "Widget",
  );
  equal(err.code, "KUBE_NOT_FOUND_KIND");
  equal(
    err.message,
    'Cannot apply Widget "w" in namespace "a": the cluster does not serve kind "Widget" in apiVersion "example.com/v1"',
  );
  match(err.hint ?? "", /CustomResourceDefinition/);
  deepEqual(err.details, { apiVersion: "example.com/v1", kind: "Widget" });
});

Deno.test("credentialsError() is KUBE_UNAUTHORIZED naming the server", () => {
  const err = credentialsError("https://k", new Error("exec plugin failed"));
  equal(err.code, "KUBE_UNAUTHORIZED");
  equal(err.message, 'Cannot authenticate to the cluster at "https://k": exec plugin failed');
});

Deno.test("retitle() replaces the head and keeps code, hint and details", () => {
  const original = errorFromStatus({ code: 403, message: "no" }, { verb: "list" });
  const err = retitle(original, "list", 'Cannot list Pod in namespace "a"');
  equal(err.code, "KUBE_FORBIDDEN");
  equal(err.message, 'Cannot list Pod in namespace "a": forbidden: no');
  equal(err.hint, original.hint);
  deepEqual(err.details, original.details);
  equal(retitle(original, "get", "x"), original);
});
