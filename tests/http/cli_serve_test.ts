import { deepEqual, equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { startServe } from "./_serve.ts";

Deno.test("nopea serve listens until interrupted, with the key from NOPEA_API_KEY", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-serve-" });
  try {
    const serve = startServe(["--memory-dir", dir], { NOPEA_API_KEY: "k3y" });
    const url = await serve.url;
    await t.step("a request without the key is 401", async () => {
      const res = await fetch(`${url}/api/services`);
      equal(res.status, 401);
      await res.body?.cancel();
    });
    await t.step("a request with the key reads memory", async () => {
      const res = await fetch(`${url}/api/services`, { headers: { "x-api-key": "k3y" } });
      deepEqual(await res.json(), { services: [] });
    });
    serve.stop();
    equal(await serve.code, 0);
    match(serve.io.out(), /x-api-key required[\s\S]*HTTP API stopped/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("nopea serve refuses bad listen settings with exit code 2", async (t) => {
  const cases: { name: string; args: string[]; env?: Record<string, string>; err: RegExp }[] = [
    {
      name: "a non-loopback host without NOPEA_API_KEY",
      args: ["--host", "0.0.0.0"],
      err: /Refusing to listen on "0\.0\.0\.0" without an API key[\s\S]*NOPEA_API_KEY/,
    },
    {
      name: "a bad --body-limit",
      args: ["--body-limit", "lots"],
      err: /Invalid --body-limit "lots"/,
    },
    { name: "a bad --port", args: ["--port", "99999"], err: /Invalid --port "99999"/ },
    {
      name: "--no-auth beyond loopback",
      args: ["--no-auth", "--host", "0.0.0.0"],
      err: /Invalid --no-auth with --host "0\.0\.0\.0"[\s\S]*only allowed on a loopback address/,
    },
    {
      name: "--no-auth with NOPEA_API_KEY set",
      args: ["--no-auth"],
      env: { NOPEA_API_KEY: "k3y" },
      err: /Invalid --no-auth: NOPEA_API_KEY is set/,
    },
    {
      name: "--no-auth with NOPEA_READ_API_KEY set",
      args: ["--no-auth"],
      env: { NOPEA_READ_API_KEY: "k3y" },
      err: /Invalid --no-auth: NOPEA_READ_API_KEY is set/,
    },
    {
      name: "--tls-cert without --tls-key",
      args: ["--tls-cert", "cert.pem"],
      env: { NOPEA_API_KEY: "k3y" },
      err: /Invalid TLS settings: --tls-key is missing[\s\S]*Pass both --tls-cert/,
    },
    {
      name: "a --tls-cert that cannot be read",
      args: ["--tls-cert", "missing.pem", "--tls-key", "missing.key"],
      env: { NOPEA_API_KEY: "k3y" },
      err: /Cannot read --tls-cert "missing\.pem"/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const dir = await Deno.makeTempDir({ prefix: "nopea-serve-" });
      try {
        const io = bufferedIo({ env: c.env ?? {}, cwd: dir });
        equal(await runCli(["serve", ...c.args], io), 2);
        match(io.err(), c.err);
        equal(io.out(), "");
        // Refused before anything was opened: no key file, no memory directory.
        deepEqual([...Deno.readDirSync(dir)], []);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});
