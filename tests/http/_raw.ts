/**
 * Test helper: one HTTP/1.1 request written by hand on a TCP socket, so a test can send what a
 * browser or an attacker sends (any Host, Origin, method) and fetch() would not.
 */

/** What to send; `host` is the Host header as written (omitted when null). */
export interface RawRequest {
  method?: string;
  path: string;
  host: string | null;
  headers?: Record<string, string>;
  body?: string;
}

/** The answer, read until the server closed the connection. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

function dechunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const eol = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

function parse(raw: string): RawResponse {
  const split = raw.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = raw.slice(0, split).split("\r\n");
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const text = headers.get("transfer-encoding") === "chunked" ? dechunk(body) : body;
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, text, json };
}

/** Sends `request` to 127.0.0.1:`port` and reads the whole answer. */
export async function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const body = new TextEncoder().encode(request.body ?? "");
  const headers: Record<string, string> = {
    ...(request.host === null ? {} : { host: request.host }),
    connection: "close",
    ...(request.body === undefined ? {} : { "content-length": String(body.length) }),
    ...request.headers,
  };
  const head = `${request.method ?? "GET"} ${request.path} HTTP/1.1\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const bytes = new Uint8Array([...new TextEncoder().encode(head), ...body]);
    for (let sent = 0; sent < bytes.length;) sent += await conn.write(bytes.subarray(sent));
    return parse(await new Response(conn.readable).text());
  } finally {
    try {
      conn.close();
    } catch {
      // already closed by reading to the end
    }
  }
}
