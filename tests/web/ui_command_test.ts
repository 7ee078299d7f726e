/** `nopea ui`: the web view on a free loopback port, its URL printed, stopped by Ctrl-C. */
import { equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type CliWorld, cliWorld } from "../_cli.ts";

/** Runs `nopea ui <args>` until `stop()`; `url` resolves with the URL it prints. */
function startUi(world: CliWorld, args: string[]) {
  const printed = Promise.withResolvers<string>();
  const interrupt = Promise.withResolvers<void>();
  const io = bufferedIo({ env: { NOPEA_MEMORY_DIR: `${world.dir}/.nopea` }, cwd: world.dir });
  const code = runCli(["ui", "--kubeconfig", world.kubeconfig, ...args], {
    ...io,
    stdout: (text) => {
      io.stdout(text);
      const url = /Nopea web view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)?.[1];
      if (url) printed.resolve(url);
    },
    interrupted: () => interrupt.promise,
  });
  code.then(() => printed.reject(new Error(`ui ended early: ${io.err()}`)));
  return { io, code, url: printed.promise, stop: () => interrupt.resolve() };
}

Deno.test("nopea ui prints the URL of the web view on a free loopback port", async () => {
  await using world = await cliWorld();
  const file = await world.write("web.yaml", deploymentYaml("1.0"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const ui = startUi(world, ["--no-auth"]);
  const page = await fetch(await ui.url);
  equal(page.status, 200);
  match(await page.text(), /<tr data-service="web">/);
  ui.stop();
  equal(await ui.code, 0);
});

Deno.test("nopea ui with a key sends the browser to log in, and says where the key is", async () => {
  await using world = await cliWorld();
  const ui = startUi(world, []);
  const page = await fetch(await ui.url, { redirect: "manual" });
  equal(page.status, 303);
  equal(page.headers.get("location"), "/ui/login?next=%2F");
  await page.body?.cancel();
  match(ui.io.out(), /The page asks once for the key \(.*api-key/);
  ui.stop();
  equal(await ui.code, 0);
});

Deno.test("nopea ui --port takes only a port number", async () => {
  await using world = await cliWorld();
  const run = await world.run(["ui", "--port", "http"]);
  equal(run.code, 2);
  match(run.io.err(), /Invalid --port "http"/);
});
