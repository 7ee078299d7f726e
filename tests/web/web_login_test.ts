/** The web view's keys: the login form, the session cookie, the read-only key, other sites. */
import { equal, match } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { form, KEY } from "./_requests.ts";

Deno.test("a browser logs in once with a key; the read-only key runs no action", async () => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: "deploy-key", readApiKey: "read-key" });
  const anonymous = await app.request("/services/web");
  equal(anonymous.status, 303);
  equal(anonymous.headers.get("location"), "/ui/login?next=%2Fservices%2Fweb");
  const wrong = await app.request("/ui/login", form({ key: "nope", next: "/" }, {}));
  equal(wrong.status, 401);
  match(await wrong.text(), /not the server's key/);
  const read = await app.request("/ui/login", form({ key: "read-key", next: "/graph" }, {}));
  equal(read.status, 303);
  equal(read.headers.get("location"), "/graph");
  const cookie = (read.headers.get("set-cookie") ?? "").split(";")[0]!;
  match(read.headers.get("set-cookie") ?? "", /HttpOnly.*SameSite=Strict/i);
  equal((await app.request("/graph", { headers: { cookie } })).status, 200);
  const refused = await app.request("/services/web/rollback", form({}, { cookie }));
  equal(refused.status, 403);
  const foreign = await app.request(
    "/services/web/rollback",
    form({ confirm: "yes" }, { ...KEY, origin: "https://evil.example", host: "localhost" }),
  );
  equal(foreign.status, 403, "another site's form never reaches an action");
});
