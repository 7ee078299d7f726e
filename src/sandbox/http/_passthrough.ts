/**
 * The TLS front of the sandbox server. It terminates TLS (HTTP/1.1 by ALPN) and pipes the
 * plaintext to the HTTP server on a loopback port, through one upstream socket per client
 * connection, for two reasons:
 * - Deno.serve cannot drop a connection without answering; the server knows a request's
 *   upstream port (its remote port) and can drop the pair;
 * - Deno.serve's own TLS writes a response's records in separate small writes, which Nagle's
 *   algorithm and delayed ACKs turn into a 40 ms stall per response; plaintext upstream with
 *   TCP_NODELAY on both sockets does not stall.
 */

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
  client: Deno.Conn;
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

/**
 * Copies `from` to `to` until `from` ends, then half-closes `to` (as `pipeTo` closes a
 * writable); read and write calls directly, without the streams' per-chunk machinery (a
 * tenth of the sandbox's time per request). Ends quietly when either side is closed.
 */
async function pump(from: Deno.Conn, to: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  try {
    for (let n = await from.read(buffer); n !== null; n = await from.read(buffer)) {
      for (let sent = 0; sent < n;) sent += await to.write(buffer.subarray(sent, n));
    }
    await to.closeWrite();
  } catch {
    // a side was closed (the client went away, or the pair was dropped)
  }
}

/** Listens with TLS on `hostname:port` and pipes each connection to `127.0.0.1:targetPort`. */
export function startPassthrough(
  hostname: string,
  port: number,
  targetPort: number,
  tls: FrontTls,
): Passthrough {
  const listener = Deno.listenTls({
    hostname,
    port,
    transport: "tcp",
    cert: tls.cert,
    key: tls.key,
    alpnProtocols: ["http/1.1"],
  });
  const pairs = new Map<number, Pair>();
  const pipes = new Set<Promise<unknown>>();
  let closed = false;

  function closePair(key: number): boolean {
    const pair = pairs.get(key);
    if (!pair) return false;
    pairs.delete(key);
    closeQuietly(pair.client);
    closeQuietly(pair.upstream);
    return true;
  }

  async function connect(client: Deno.Conn): Promise<void> {
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: targetPort });
    } catch {
      closeQuietly(client);
      return;
    }
    if (closed) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    (client as Partial<Deno.TcpConn>).setNoDelay?.(true);
    upstream.setNoDelay(true);
    const key = upstream.localAddr.port;
    pairs.set(key, { client, upstream });
    const up = pump(client, upstream);
    // The connection ends when the server side ends (or the pair is dropped).
    await pump(upstream, client);
    closePair(key);
    await up;
  }

  async function accept(): Promise<void> {
    try {
      for await (const client of listener) {
        const pipe = connect(client);
        pipes.add(pipe);
        pipe.finally(() => pipes.delete(pipe));
      }
    } catch {
      // the listener was closed
    }
  }

  const accepting = accept();
  return {
    addr: listener.addr,
    drop: closePair,
    async close() {
      closed = true;
      try {
        listener.close();
      } catch {
        // already closed
      }
      await accepting;
      for (const { upstream } of pairs.values()) {
        upstream.closeWrite().catch(() => {});
      }
      await Promise.allSettled([...pipes]);
    },
  };
}
