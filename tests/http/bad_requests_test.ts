/** Wrong methods and bodies over a real socket: the right status and an error body, no internals. */
import { configMap, deployBody } from "./_helpers.ts";
import { checkRefusals, JSON_TYPE, type Refusal } from "./_refusals.ts";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
  .concat(["b", "c", "d", "e", "f"].map((n, i) => {
    const prev = "abcde"[i];
    return `${n}: &${n} [${Array(9).fill(`*${prev}`).join(", ")}]`;
  })).join("\n");

const CASES: Refusal[] = [
  {
    name: "GET on a POST route",
    method: "GET",
    path: "/api/deploy",
    status: 405,
    allow: "POST",
    message: /^Method GET is not allowed on \/api\/deploy$/,
  },
  {
    name: "PUT on a POST route",
    method: "PUT",
    path: "/api/deploy",
    status: 405,
    allow: "POST",
    message: /Method PUT/,
  },
  {
    name: "POST on a GET route",
    method: "POST",
    path: "/api/history/web",
    status: 405,
    allow: "GET, HEAD",
    message: /Method POST/,
  },
  {
    name: "DELETE on /health",
    method: "DELETE",
    path: "/health",
    status: 405,
    allow: "GET, HEAD",
    message: /Method DELETE/,
  },
  {
    name: "OPTIONS (no CORS here)",
    method: "OPTIONS",
    path: "/api/deploy",
    status: 405,
    allow: "POST",
    message: /Method OPTIONS/,
  },
  {
    name: "an unknown path",
    method: "GET",
    path: "/api/nope",
    status: 404,
    message: /^No route GET \/api\/nope$/,
  },
  {
    name: "a very long unknown path",
    method: "GET",
    path: `/api/${"x".repeat(5000)}`,
    status: 404,
    message: /^No route GET "\/api\/x+…" \(5005 characters\)$/,
  },
  {
    name: "invalid JSON",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: "{nope",
    status: 400,
    message:
      /^Cannot read the body of POST \/api\/deploy: it is not valid JSON \(line 1, column 2\)$/,
  },
  {
    name: "a JSON array",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: "[1, 2]",
    status: 400,
    message: /expected a JSON object, got an array/,
  },
  {
    name: "a JSON string",
    method: "POST",
    path: "/api/diff",
    headers: JSON_TYPE,
    body: '"web"',
    status: 400,
    message: /expected a JSON object, got a string/,
  },
  {
    name: "JSON null",
    method: "POST",
    path: "/api/heal",
    headers: JSON_TYPE,
    body: "null",
    status: 400,
    message: /expected a JSON object, got null/,
  },
  {
    name: "a __proto__ key",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: '{"__proto__": {"admin": true}}',
    status: 400,
    message: /Unrecognized key\(s\) in object: '__proto__'/,
  },
  {
    name: "manifests nested 30,000 deep",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: `{"service": "web", "manifests": ${nested(30_000)}}`,
    status: 400,
    message: /Invalid input for deploy: manifests/,
  },
  {
    name: "YAML whose aliases refer to each other",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: JSON.stringify(deployBody("web", aliasBomb)),
    status: 400,
    code: "MANIFEST_PARSE",
    message: /alias/i,
  },
  {
    name: "a body over the cap",
    method: "POST",
    path: "/api/deploy",
    headers: JSON_TYPE,
    body: JSON.stringify(
      deployBody("web", [{ ...configMap("web"), data: { a: "x".repeat(70_000) } }]),
    ),
    status: 413,
    message: /too large: the limit is 65536 bytes/,
  },
];

Deno.test("bad methods and bodies get their status and a {code, message, hint} body", async (t) => {
  await checkRefusals(t, CASES, { bodyLimit: 65536 });
});
