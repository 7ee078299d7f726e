/** An MCP transport over a pair of byte streams with stdio framing: one JSON-RPC message a line. */
// @ts-types="@modelcontextprotocol/sdk/shared/transport"
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";

/** The two streams an MCP stdio session runs over (the process's stdin and stdout, or pipes). */
export interface McpStreams {
  /** Incoming bytes: JSON-RPC messages separated by newlines. */
  readable: ReadableStream<Uint8Array>;
  /** Outgoing bytes: nothing but JSON-RPC messages, one per line. */
  writable: WritableStream<Uint8Array>;
}

const encoder = new TextEncoder();

/**
 * Reads newline-delimited JSON-RPC from `readable` and writes it to `writable`. A line that is
 * not JSON gets a -32700 error, one that is not JSON-RPC a -32600 error; the transport closes
 * (and `onclose` runs) when `readable` ends.
 *
 * @example Answer a ping over a pair of in-memory streams
 * ```ts
 * import { StreamTransport } from "./stream_transport.ts";
 * import { deepEqual } from "node:assert/strict";
 * const input = new TransformStream<Uint8Array, Uint8Array>();
 * const output = new TransformStream<Uint8Array, Uint8Array>();
 * const transport = new StreamTransport({ readable: input.readable, writable: output.writable });
 * transport.onmessage = (message) => {
 *   const id = (message as { id?: string | number }).id;
 *   if (id !== undefined) void transport.send({ jsonrpc: "2.0", id, result: {} });
 * };
 * await transport.start();
 * const writer = input.writable.getWriter();
 * await writer.write(new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"ping"}\n'));
 * const reader = output.readable.pipeThrough(new TextDecoderStream()).getReader();
 * deepEqual(JSON.parse((await reader.read()).value ?? ""), { jsonrpc: "2.0", id: 1, result: {} });
 * await writer.close();
 * ```
 */
export class StreamTransport implements Transport {
  onclose?: Transport["onclose"];
  onerror?: Transport["onerror"];
  onmessage?: Transport["onmessage"];
  readonly #streams: McpStreams;
  #reader: ReadableStreamDefaultReader<string> | undefined;
  #writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  #closed = false;

  /** Wraps the streams; nothing is read before `start()`. */
  constructor(streams: McpStreams) {
    this.#streams = streams;
  }

  /** Starts reading; resolves at once. */
  start(): Promise<void> {
    if (this.#reader) throw new Error("StreamTransport already started");
    this.#writer = this.#streams.writable.getWriter();
    this.#reader = this.#streams.readable.pipeThrough(new TextDecoderStream()).getReader();
    void this.#readLoop(this.#reader);
    return Promise.resolve();
  }

  async #readLoop(reader: ReadableStreamDefaultReader<string>): Promise<void> {
    let buffered = "";
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          const line = buffered.slice(0, nl).replace(/\r$/, "");
          buffered = buffered.slice(nl + 1);
          if (line.trim() !== "") await this.#receive(line);
        }
      }
    } catch (error) {
      if (!this.#closed) this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
    await this.close();
  }

  async #receive(line: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return this.#write({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: "Parse error" },
      });
    }
    const parsed = JSONRPCMessageSchema.safeParse(json);
    if (parsed.success) return this.onmessage?.(parsed.data);
    const id = (json as { id?: unknown } | null)?.id;
    await this.#write({
      jsonrpc: "2.0",
      id: typeof id === "string" || typeof id === "number" ? id : null,
      error: { code: -32600, message: "Invalid request: not a JSON-RPC 2.0 message" },
    });
  }

  async #write(message: unknown): Promise<void> {
    if (this.#closed || !this.#writer) throw new Error("StreamTransport is not connected");
    await this.#writer.write(encoder.encode(JSON.stringify(message) + "\n"));
  }

  /** Sends one message as one line. */
  send(message: JSONRPCMessage): Promise<void> {
    return this.#write(message);
  }

  /** Stops reading, flushes and closes the output, then runs `onclose`; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#reader?.cancel().catch(() => {});
    await this.#writer?.close().catch(() => {});
    this.onclose?.();
  }
}
