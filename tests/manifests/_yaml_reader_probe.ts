/**
 * Run by yaml_reader_test.ts in a fresh process (the `yaml` package is loaded once per process):
 * loads the manifest files given with `loadManifestFiles` and prints, as JSON, whether the `yaml`
 * package was loaded, and the names read or the error message.
 */
import { loadManifestFiles, yamlReaderLoaded } from "../../src/manifests/mod.ts";

try {
  const loaded = await loadManifestFiles(Deno.args);
  const names = loaded.objects.map(({ object }) => object.metadata?.name);
  const data = loaded.objects.map(({ object }) => object["data"] ?? null);
  console.log(JSON.stringify({ loaded: yamlReaderLoaded(), names, data }));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.log(JSON.stringify({ loaded: yamlReaderLoaded(), message }));
}
