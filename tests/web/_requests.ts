/** Helpers of the web view's tests: the key, form posts, CLI output, embedded JSON. */
import { equal, ok } from "node:assert/strict";
import type { HistoryWorld } from "./_history.ts";

/** The deploy key the tests' apps are made with, as a header. */
export const KEY = { "x-api-key": "deploy-key" };

/** `nopea <args> -o json` in the world, parsed; it must exit 0. */
export async function cliJson(h: HistoryWorld, args: string[]): Promise<Record<string, unknown>> {
  const run = await h.world.run([...args, "-o", "json"]);
  equal(run.code, 0, run.io.err());
  return JSON.parse(run.io.out());
}

/** A rate as the pages write it. */
export function percent(rate: unknown): string {
  return typeof rate === "number" ? `${Math.round(rate * 100)}%` : "—";
}

/** The JSON a page embeds in `<script type="application/json" id="…">`. */
export function jsonOf(html: string, id: string): unknown {
  const found = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, "s")
    .exec(html);
  ok(found, `the page embeds #${id}`);
  return JSON.parse(found[1]!);
}

/** A form post (with the deploy key unless other headers are given). */
export function form(fields: Record<string, string>, headers: Record<string, string> = KEY) {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

/**
 * The live events from the first on, until an operation finished; a stream the server closed
 * (it closes each after a while) is reopened after the last id, as a browser does.
 */
export async function eventsUntilFinished(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  headers: Record<string, string> = KEY,
): Promise<string> {
  let text = "";
  let after = "0";
  while (!text.includes("event: finished")) {
    const res = await app.request(`/ui/events?after=${after}`, { headers });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += read.value;
      if (text.includes("event: finished")) break;
    }
    await reader.cancel();
    after = [...text.matchAll(/^id: (\d+)$/gm)].at(-1)?.[1] ?? after;
  }
  return text;
}
