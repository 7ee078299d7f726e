/** Test helper: serves test repositories over loopback smart HTTP through `git http-backend`. */

/** A loopback git HTTP server. */
export interface GitHttpServer extends AsyncDisposable {
  /** The URL of the repository. */
  readonly url: string;
  /** Requests served so far. */
  readonly requests: number;
}

function headerEnd(raw: Uint8Array): [number, number] {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10) return [i, 4];
    if (raw[i] === 10 && raw[i + 1] === 10) return [i, 2];
  }
  return [raw.length, 0];
}

/** Runs `git http-backend` (CGI) for one request. */
async function backend(root: string, req: Request): Promise<Response> {
  const url = new URL(req.url);
  const body = new Uint8Array(await req.arrayBuffer());
  const child = new Deno.Command("git", {
    args: ["http-backend"],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
    env: {
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: url.pathname,
      REQUEST_METHOD: req.method,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers.get("content-type") ?? "",
      CONTENT_LENGTH: String(body.length),
      REMOTE_ADDR: "127.0.0.1",
    },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(body);
  await writer.close();
  const raw = (await child.output()).stdout;
  const [end, skip] = headerEnd(raw);
  const headers = new Headers();
  let status = 200;
  for (const line of new TextDecoder().decode(raw.slice(0, end)).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    if (name.toLowerCase() === "status") status = parseInt(value, 10);
    else headers.set(name, value);
  }
  return new Response(raw.slice(end + skip), { status, headers });
}

/** Serves the repository (work tree) in `root` on a random loopback port. */
export function serveGitHttp(root: string): GitHttpServer {
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    requests += 1;
    return backend(root, req);
  });
  const { port } = server.addr;
  return {
    url: `http://127.0.0.1:${port}/.git`,
    get requests() {
      return requests;
    },
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
