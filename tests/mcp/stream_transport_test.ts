import { deepEqual, equal } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { serveMcp } from "../../src/mcp/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";

/** Reads newline-delimited JSON from a byte stream, one message per call; undefined at the end. */
function lineReader(stream: ReadableStream<Uint8Array>): () => Promise<unknown> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  return async () => {
    while (!buffered.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffered += value;
    }
    const nl = buffered.indexOf("\n");
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    return JSON.parse(line);
  };
}

Deno.test("StreamTransport exchanges JSON-RPC lines and closes when its input ends", async (t) => {
  await using deps = await testDeps();
  const input = new TransformStream<Uint8Array, Uint8Array>();
  const output = new TransformStream<Uint8Array, Uint8Array>();
  const session = await serveMcp(createEngine(deps), {
    readable: input.readable,
    writable: output.writable,
  }, { cwd: ".", version: "1.2.3" });
  const writer = input.writable.getWriter();
  const send = (text: string) => writer.write(new TextEncoder().encode(text));
  const next = lineReader(output.readable);
  const cases = [
    { name: "a line that is not JSON", send: "not json\n", error: -32700, id: null },
    { name: "JSON that is not JSON-RPC", send: '{"id":7,"hello":1}\n', error: -32600, id: 7 },
  ];
  for (const c of cases) {
    await t.step(`${c.name} gets error ${c.error}`, async () => {
      await send(c.send);
      const reply = await next() as { id: unknown; error: { code: number } };
      equal(reply.error.code, c.error);
      equal(reply.id, c.id);
    });
  }
  await t.step("initialize echoes a supported protocol version", async () => {
    await send(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "pipe", version: "1" },
        },
      }) + "\n",
    );
    const reply = await next() as { result: { protocolVersion: string; serverInfo: unknown } };
    equal(reply.result.protocolVersion, "2025-06-18");
    deepEqual(reply.result.serverInfo, { name: "nopea", title: "Nopea", version: "1.2.3" });
  });
  await t.step("a message split across writes is read once complete", async () => {
    await send('{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0",');
    await send('"id":2,"method":"ping"}\r\n');
    deepEqual(await next(), { jsonrpc: "2.0", id: 2, result: {} });
  });
  await t.step("the end of input closes the session and its output", async () => {
    await writer.close();
    await session.closed;
    equal(await next(), undefined);
  });
});
