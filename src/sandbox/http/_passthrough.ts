/**
 * The TLS front of the sandbox server. It terminates TLS (HTTP/1.1 by ALPN) and pipes the
 * plaintext to the HTTP server on a loopback port, through one upstream socket per client
 * connection, for two reasons:
 * - Deno.serve cannot drop a connection without answering; the server knows a request's
 *   upstream port (its remote port) and can drop the pair;
 * - TLS sockets of `Deno.serve` and `Deno.listenTls` cannot set TCP_NODELAY, and a response of
 *   more than one TLS record (16 KiB) goes out in separate writes, which Nagle's algorithm and the
 *   client's delayed ACKs turn into a 40 ms stall per response (a list of 100 objects). A real
 *   API server (Go) sets TCP_NODELAY; so does this front, a `node:tls` server, on both sockets.
 */
import { createServer, type Server, type TLSSocket } from "node:tls";

/** A listening pass-through. */
export interface Passthrough {
  /** The public address. */
  readonly addr: Deno.NetAddr;
  /** Closes the client connection whose upstream socket has this local port. */
  drop(upstreamPort: number): boolean;
  /**
   * Stops accepting, then ends every connection from the client side (half-close towards
   * the server), so that bytes already sent by the server still reach the client and the
   * server closes without a GOAWAY; waits for the pipes to settle.
   */
  close(): Promise<void>;
}

interface Pair {
  client: TLSSocket;
  upstream: Deno.TcpConn;
}

/** The certificate the front presents. */
export interface FrontTls {
  cert: string;
  key: string;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

/** Copies what the client sends to the server, then half-closes the upstream socket. */
async function clientToServer(client: TLSSocket, upstream: Deno.TcpConn): Promise<void> {
  try {
    for await (const chunk of client as AsyncIterable<Uint8Array>) {
      for (let sent = 0; sent < chunk.length;) sent += await upstream.write(chunk.subarray(sent));
    }
    await upstream.closeWrite();
  } catch {
    // a side was closed (the client went away, or the pair was dropped)
  }
}

/** Resolves when the client's write buffer has room again, or the client is gone. */
function drained(client: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      client.off("drain", done).off("close", done);
      resolve();
    };
    client.on("drain", done).on("close", done);
  });
}

/** Copies the server's answers to the client (waiting when its buffer is full), then ends it. */
async function serverToClient(upstream: Deno.TcpConn, client: TLSSocket): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  try {
    for (let n = await upstream.read(buffer); n !== null; n = await upstream.read(buffer)) {
      if (client.destroyed) return;
      if (!client.write(buffer.slice(0, n))) await drained(client);
    }
    // Ended once flushed: the pair is closed right after.
    await new Promise<void>((resolve) => {
      client.once("close", resolve);
      client.end(resolve);
    });
  } catch {
    // a side was closed
  }
}

/** Listens with TLS on `hostname:port` and pipes each connection to `127.0.0.1:targetPort`. */
export async function startPassthrough(
  hostname: string,
  port: number,
  targetPort: number,
  tls: FrontTls,
): Promise<Passthrough> {
  const pairs = new Map<number, Pair>();
  const pipes = new Set<Promise<unknown>>();
  let closed = false;

  function closePair(key: number): boolean {
    const pair = pairs.get(key);
    if (!pair) return false;
    pairs.delete(key);
    pair.client.destroy();
    closeQuietly(pair.upstream);
    return true;
  }

  async function connect(client: TLSSocket): Promise<void> {
    client.setNoDelay(true);
    client.on("error", () => {}); // a reset client ends its pipes, nothing else
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: targetPort });
    } catch {
      client.destroy();
      return;
    }
    if (closed) {
      client.destroy();
      closeQuietly(upstream);
      return;
    }
    upstream.setNoDelay(true);
    const key = upstream.localAddr.port;
    pairs.set(key, { client, upstream });
    const up = clientToServer(client, upstream);
    // The connection ends when the server side ends (or the pair is dropped).
    await serverToClient(upstream, client);
    closePair(key);
    await up;
  }

  const server: Server = createServer(
    { cert: tls.cert, key: tls.key, ALPNProtocols: ["http/1.1"] },
    (client) => {
      const pipe = connect(client);
      pipes.add(pipe);
      pipe.finally(() => pipes.delete(pipe));
    },
  );
  const address = await listen(server, hostname, port);
  return {
    addr: { transport: "tcp", hostname, port: address.port },
    drop: closePair,
    async close() {
      closed = true;
      const stopped = new Promise((resolve) => server.close(resolve));
      for (const { upstream } of pairs.values()) {
        upstream.closeWrite().catch(() => {});
      }
      await Promise.allSettled([...pipes]);
      await stopped;
    },
  };
}

/** Starts listening; rejects with Deno's `AddrInUse` when the port is taken. */
function listen(server: Server, hostname: string, port: number): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: Error & { code?: string }) => {
      reject(error.code === "EADDRINUSE" ? new Deno.errors.AddrInUse(error.message) : error);
    });
    server.listen(port, hostname, () => resolve(server.address() as { port: number }));
  });
}
