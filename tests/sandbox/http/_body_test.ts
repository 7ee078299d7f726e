import { deepEqual, rejects } from "node:assert/strict";
import { readBody } from "../../../src/sandbox/http/_body.ts";

function request(body: string): Request {
  return new Request("https://sandbox.test/api/v1/namespaces/default/configmaps/a", {
    method: "PATCH",
    body,
  });
}

Deno.test("readBody() decodes an apply patch sent as JSON or as YAML to the same object", async () => {
  const expected = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
  deepEqual(await readBody(request(JSON.stringify(expected)), "yaml"), expected);
  deepEqual(
    await readBody(request("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"), "yaml"),
    expected,
  );
  deepEqual(
    await readBody(request("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}"), "yaml"),
    expected,
    "flow-style YAML that is not JSON goes to the YAML parser",
  );
});

Deno.test("readBody() answers a malformed YAML apply patch with 400 BadRequest", async () => {
  await rejects(
    readBody(request("{apiVersion: v1, kind: [ConfigMap"), "yaml"),
    (e: Error & { code?: number }) =>
      e.code === 400 && /error converting YAML to JSON/.test(e.message),
  );
});
