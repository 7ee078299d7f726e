/** Targets that are no deploy id or service, over a real socket: 400 with a short excerpt only. */
import { checkRefusals, JSON_TYPE, type Refusal } from "./_refusals.ts";

const CASES: Refusal[] = [
  {
    name: "promote with a NUL target",
    method: "POST",
    path: "/api/promote/%00",
    status: 400,
    message:
      /^Invalid input for promote: target: must be a deploy id .* or a service name .*; got "\\u0000"$/,
  },
  {
    name: "promote with a 5,000-character target",
    method: "POST",
    path: `/api/promote/${"a".repeat(5000)}`,
    status: 400,
    message: /; got "a{32}…" \(5000 characters\)$/,
  },
  {
    name: "rollback to a deploy id that is not one",
    method: "POST",
    path: "/api/rollback/web",
    headers: JSON_TYPE,
    body: JSON.stringify({ to: "\u0000".repeat(40) }),
    status: 400,
    message:
      /to: must be a deploy id \(a 26-character ULID.*; got "(\\u0000){32}…" \(40 characters\)$/,
  },
  {
    name: "a body field that contradicts the path",
    method: "POST",
    path: "/api/rollback/web",
    headers: JSON_TYPE,
    body: JSON.stringify({ service: "x".repeat(300) }),
    status: 400,
    message: /"service" is "x{64}…" \(300 characters\) in the request but "web" in the path/,
  },
];

Deno.test("promote and rollback refuse malformed targets, quoting a short excerpt", async (t) => {
  await checkRefusals(t, CASES);
});
