/**
 * The `nopea` executable: `deno run <permissions> cli.ts <command>`, the compiled binary, or
 * `deno install -g -n nopea jsr:@nopea/nopea/cli`. The only place in Nopea that ends the process.
 *
 * Commands that reach a cluster run in a Worker whose network is limited to the API server of
 * the selected kubeconfig context (plus the CDEvents sink and `serve`'s address), so it needs
 * `--unstable-worker-options`; see the README, "Permissions".
 *
 * @example Run a command
 * ```sh
 * deno run --unstable-worker-options --allow-net --allow-read --allow-write=.nopea \
 *   --allow-env=KUBECONFIG,HOME,USERPROFILE,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT,NO_COLOR,FORCE_COLOR,TERM,CI,HTTPS_PROXY,https_proxy,ALL_PROXY,all_proxy,NOPEA_* \
 *   jsr:@nopea/nopea/cli history checkout
 * ```
 * @module
 */

/** The module with everything but `version`; a computed URL keeps Deno from preloading its graph. */
const MAIN = new URL("./src/cli/main.ts", import.meta.url).href;
type Main = typeof import("./src/cli/main.ts");

/** `nopea version` without loading the rest of Nopea: start-up stays close to kubectl's. */
async function printVersion(): Promise<number> {
  const { VERSION } = await import("./src/cli/version.ts");
  console.log(`nopea ${VERSION} (deno ${Deno.version.deno})`);
  return 0;
}

/**
 * Loads the rest of Nopea. Run from a checkout with a narrow `--allow-read`, Deno refuses to load
 * code it did not preload: that is a permission error with the flag to add, not a stack trace.
 */
async function loadMain(): Promise<Main> {
  try {
    return (await import(MAIN)) as Main;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (!/Requires read access/.test(text)) throw error;
    const code = decodeURIComponent(new URL(".", import.meta.url).pathname);
    console.error(
      `Error [PERMISSION_DENIED]: Cannot load Nopea's own code from "${code}": Nopea was run ` +
        `without read permission for it\nHint: Add --allow-read=${code}`,
    );
    Deno.exit(3);
  }
}

if (import.meta.main) {
  if ("WorkerGlobalScope" in globalThis) {
    (await loadMain()).serveAsWorker();
  } else if (Deno.args.length === 1 && Deno.args[0] === "version") {
    Deno.exit(await printVersion());
  } else {
    const { main } = await loadMain();
    Deno.exit(await main([...Deno.args], new URL(import.meta.url)));
  }
}
