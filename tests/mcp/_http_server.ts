/** Test helper: an HTTP server (deploy key and read-only key) whose /mcp the tests connect to. */
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, serveHttp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";

/** The server's deploy key. */
export const DEPLOY_KEY = "mcp-deploy-k3y-0123456789";
/** The server's read-only key. */
export const READ_KEY = "mcp-read-k3y-0123456789";

/** Serves a fresh app (version 9.9.9) on loopback while `run` gets its URL. */
export async function servedOverHttp(run: (url: string) => Promise<void>): Promise<void> {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), {
    apiKey: DEPLOY_KEY,
    readApiKey: READ_KEY,
    version: "9.9.9",
  });
  const stop = new AbortController();
  const server = serveHttp(app, { port: 0, signal: stop.signal });
  try {
    await run(server.url);
  } finally {
    stop.abort();
    await server.finished;
  }
}
