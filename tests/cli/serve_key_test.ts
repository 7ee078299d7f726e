/** `nopea serve` on loopback needs a key too: a key file made once (0600), or an explicit --no-auth. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { startServe } from "../http/_serve.ts";

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "nopea-serve-key-" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { headers });
  await res.body?.cancel();
  return res.status;
}

/** Starts serve, runs `check` against its URL, stops it, and returns its stdout and stderr. */
async function served(
  args: string[],
  dir: string,
  check: (url: string) => Promise<void>,
): Promise<{ out: string; err: string }> {
  const serve = startServe(args, { NOPEA_MEMORY_DIR: `${dir}/.nopea` }, dir);
  await check(await serve.url);
  serve.stop();
  equal(await serve.code, 0, serve.io.err());
  return { out: serve.io.out(), err: serve.io.err() };
}

Deno.test("nopea serve without NOPEA_API_KEY makes a key file once and requires its key", async (t) => {
  await withDir(async (dir) => {
    const file = `${dir}/.nopea/api-key`;
    let key = "";
    await t.step("the first start makes the file, mode 0600, and says where", async () => {
      const { out } = await served([], dir, async (url) => {
        key = (await Deno.readTextFile(file)).trim();
        match(key, /^[0-9a-f]{64}$/);
        equal(await status(`${url}/api/services`), 401);
        equal(await status(`${url}/api/services`, { "x-api-key": "wrong" }), 401);
        equal(await status(`${url}/api/services`, { "x-api-key": key }), 200);
        equal(await status(`${url}/metrics`), 200);
      });
      equal((await Deno.stat(file)).mode! & 0o777, 0o600);
      match(out, new RegExp(`x-api-key required; the key is in ${file} \\(made now, `));
      ok(!out.includes(key), "the key itself is not printed");
    });
    await t.step("the next start reuses the same key", async () => {
      const { out } = await served([], dir, async (url) => {
        equal(await status(`${url}/api/services`, { "x-api-key": key }), 200);
      });
      equal((await Deno.readTextFile(file)).trim(), key);
      ok(!out.includes("made now") && !out.includes(key), out);
    });
    await t.step("--show-key prints the key too", async () => {
      const { out } = await served(["--show-key"], dir, () => Promise.resolve());
      ok(out.includes(`the key: ${key} is in ${file}`), out);
    });
  });
});

Deno.test("nopea serve refuses a key file other users may read, or one without a key", async (t) => {
  const cases = [
    {
      name: "mode 0644",
      text: "a".repeat(64),
      mode: 0o644,
      err: /other users may read it \(mode 644/,
    },
    { name: "an empty file", text: "", mode: 0o600, err: /it does not hold a key/ },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await withDir(async (dir) => {
        await Deno.mkdir(`${dir}/.nopea`);
        await Deno.writeTextFile(`${dir}/.nopea/api-key`, c.text, { mode: c.mode });
        await Deno.chmod(`${dir}/.nopea/api-key`, c.mode);
        const io = bufferedIo({ cwd: dir, env: { NOPEA_MEMORY_DIR: `${dir}/.nopea` } });
        equal(await runCli(["serve", "--port", "0"], io), 2);
        match(io.err(), /Cannot use the API key file \S+\/\.nopea\/api-key/);
        match(io.err(), c.err);
        match(io.err(), /Hint: Delete \S+ to have a new key made, or set NOPEA_API_KEY/);
        equal(io.out(), "");
      });
    });
  }
});

Deno.test("nopea serve --no-auth serves loopback without a key, with a warning", async () => {
  await withDir(async (dir) => {
    const { out, err } = await served(["--no-auth"], dir, async (url) => {
      equal(await status(`${url}/api/services`), 200);
      equal(await status(`${url}/api/services`, { origin: "https://evil.example" }), 403);
    });
    match(out, /\(no API key: --no-auth, loopback only\)/);
    match(err, /^Warning: --no-auth: serving without an API key; any process on this machine/m);
    deepEqual(
      await Deno.stat(`${dir}/.nopea/api-key`).then(() => true, () => false),
      false,
      "no key file is made",
    );
  });
});
