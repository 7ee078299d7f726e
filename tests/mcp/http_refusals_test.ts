/** /mcp refuses what is not MCP over Streamable HTTP with a problem document, like every route. */
import { equal, match, ok } from "node:assert/strict";
import { DEPLOY_KEY, servedOverHttp as served } from "./_http_server.ts";

Deno.test("/mcp refuses bad requests with a problem document", async (t) => {
  const initialize = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "x", version: "1" },
    },
  });
  const both = "application/json, text/event-stream";
  const auth = { authorization: `Bearer ${DEPLOY_KEY}` };
  const cases: {
    name: string;
    init: RequestInit;
    status: number;
    detail: RegExp;
    allow?: string;
  }[] = [
    {
      name: "no key",
      init: {
        method: "POST",
        headers: { accept: both, "content-type": "application/json" },
        body: initialize,
      },
      status: 401,
      detail: /Missing API key/,
    },
    {
      name: "a wrong key",
      init: {
        method: "POST",
        headers: {
          authorization: "Bearer wrong",
          accept: both,
          "content-type": "application/json",
        },
        body: initialize,
      },
      status: 401,
      detail: /Wrong API key/,
    },
    {
      name: "GET",
      init: { headers: { ...auth, accept: "text/event-stream" } },
      status: 405,
      detail: /Method GET is not allowed on \/mcp/,
      allow: "POST",
    },
    {
      name: "DELETE",
      init: { method: "DELETE", headers: auth },
      status: 405,
      detail: /Method DELETE/,
      allow: "POST",
    },
    {
      name: "a form body",
      init: {
        method: "POST",
        headers: { ...auth, accept: both, "content-type": "application/x-www-form-urlencoded" },
        body: "a=1",
      },
      status: 415,
      detail: /must be JSON, got content-type "application\/x-www-form-urlencoded"/,
    },
    {
      name: "an Accept without event-stream",
      init: {
        method: "POST",
        headers: { ...auth, accept: "application/json", "content-type": "application/json" },
        body: initialize,
      },
      status: 406,
      detail: /must accept application\/json and text\/event-stream/,
    },
    {
      name: "broken JSON",
      init: {
        method: "POST",
        headers: { ...auth, accept: both, "content-type": "application/json" },
        body: "{",
      },
      status: 400,
      detail: /not valid JSON/,
    },
    {
      name: "JSON that is not JSON-RPC",
      init: {
        method: "POST",
        headers: { ...auth, accept: both, "content-type": "application/json" },
        body: '{"hello":1}',
      },
      status: 400,
      detail: /^MCP: /,
    },
  ];
  await served(async (url) => {
    for (const c of cases) {
      await t.step(`${c.name} is ${c.status}`, async () => {
        const res = await fetch(`${url}/mcp`, c.init);
        equal(res.status, c.status);
        equal(res.headers.get("content-type"), "application/problem+json");
        equal(res.headers.get("allow"), c.allow ?? null);
        const text = await res.text();
        ok(!/\n\s+at /.test(text), text);
        match(JSON.parse(text).detail, c.detail);
      });
    }
  });
});
