/** `nopea serve`: HTTPS with --tls-cert/--tls-key, and its deploy and read-only keys. */
import { equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { generateCertificates } from "../../src/sandbox/http/certificates.ts";
import { configMap, deployBody, post } from "./_helpers.ts";
import { startServe } from "./_serve.ts";

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "nopea-serve-tls-" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A read-only key lists services (200) and is refused a deploy (403). */
async function readsButCannotDeploy(url: string, key: string): Promise<void> {
  const read = { authorization: `Bearer ${key}` };
  const listed = await fetch(`${url}/api/services`, { headers: read });
  equal(listed.status, 200);
  await listed.body?.cancel();
  const deploy = await fetch(
    `${url}/api/deploy`,
    post(deployBody("web", [configMap("web")]), read),
  );
  equal(deploy.status, 403);
  await deploy.body?.cancel();
}

Deno.test("nopea serve --tls-cert --tls-key answers over HTTPS only", async () => {
  await withDir(async (dir) => {
    const certs = await generateCertificates();
    await Deno.writeTextFile(`${dir}/cert.pem`, certs.certPem);
    await Deno.writeTextFile(`${dir}/key.pem`, certs.keyPem);
    const serve = startServe(
      ["--tls-cert", "cert.pem", "--tls-key", "key.pem", "--memory-dir", `${dir}/.nopea`],
      { NOPEA_API_KEY: "k3y-tls" },
      dir,
    );
    const url = await serve.url;
    match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
    using client = Deno.createHttpClient({ caCerts: [certs.caPem] });
    const res = await fetch(`${url}/api/services`, {
      client,
      headers: { authorization: "Bearer k3y-tls" },
    });
    equal(res.status, 200);
    await res.body?.cancel();
    serve.stop();
    equal(await serve.code, 0, serve.io.err());
  });
});

Deno.test("nopea serve refuses a --tls-cert that is not a certificate (exit 2)", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/cert.pem`, "not a certificate");
    await Deno.writeTextFile(`${dir}/key.pem`, "not a key");
    const io = bufferedIo({ env: { NOPEA_API_KEY: "k3y" }, cwd: dir });
    const args = ["serve", "--port", "0", "--tls-cert", "cert.pem", "--tls-key", "key.pem"];
    equal(await runCli([...args, "--memory-dir", `${dir}/.nopea`], io), 2);
    match(io.err(), /Cannot serve HTTPS on 127\.0\.0\.1:0[\s\S]*--tls-cert/);
  });
});

Deno.test("nopea serve's key files hold a deploy key and a read-only key", async () => {
  await withDir(async (dir) => {
    const serve = startServe([], { NOPEA_MEMORY_DIR: `${dir}/.nopea` }, dir);
    const url = await serve.url;
    const readKey = (await Deno.readTextFile(`${dir}/.nopea/read-api-key`)).trim();
    equal((await Deno.stat(`${dir}/.nopea/read-api-key`)).mode! & 0o777, 0o600);
    await readsButCannotDeploy(url, readKey);
    serve.stop();
    equal(await serve.code, 0, serve.io.err());
    match(serve.io.out(), /a read-only key is in \S+read-api-key/);
  });
});

Deno.test("nopea serve with only NOPEA_READ_API_KEY can be read, not deployed through", async () => {
  await withDir(async (dir) => {
    const serve = startServe(["--memory-dir", `${dir}/.nopea`], { NOPEA_READ_API_KEY: "r3ad-k3y" });
    const url = await serve.url;
    await readsButCannotDeploy(url, "r3ad-k3y");
    serve.stop();
    equal(await serve.code, 0, serve.io.err());
    match(serve.io.out(), /x-api-key required: read-only NOPEA_READ_API_KEY/);
  });
});
