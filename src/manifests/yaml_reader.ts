// The `yaml` package's reader (the reference), loaded only when a text needs it: plain YAML, which
// is what most manifests are, is read by js-yaml (`_yaml_fast.ts`), and loading the `yaml` package
// costs a deploy ~0.05 s of start-up. The asynchronous readers (`checkLoaded`) load it on demand;
// the synchronous ones need it loaded first (`loadYamlReader`, which the library entry awaits).
import { NopeaError } from "../shared/mod.ts";
import type { YamlDocument } from "./_yaml.ts";

type ReadReference = (text: string) => YamlDocument[];

type Stringify = typeof import("yaml").stringify;

let reader: ReadReference | undefined;
let writer: Stringify | undefined;

/** Thrown (and caught by `checkLoaded`) when a text needs the reference reader before it is loaded. */
export class ReaderNeeded extends NopeaError {
  constructor() {
    super(
      "INTERNAL",
      "This YAML needs the full YAML reader, which is not loaded yet",
      { hint: "Await loadYamlReader() once before reading manifests synchronously" },
    );
  }
}

/**
 * Loads the full YAML reader (the `yaml` package) once; later calls return at once. The
 * asynchronous readers (`loadManifestFiles`, `checkManifestSources`) load it when a text needs
 * it; await it before the synchronous ones (`parseManifests`, `loadManifestSources`) read YAML
 * beyond the plain subset (tags, merge keys, directives) or report a fault's field line. The
 * library entry (`@nopea/nopea`) awaits it when imported.
 *
 * @example A tagged value needs the full reader
 * ```ts
 * import { loadYamlReader, parseManifests } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * await loadYamlReader();
 * const docs = parseManifests("kind: ConfigMap\ndata: !!map { a: b }\n", "app.yaml");
 * equal(docs.length, 1);
 * ```
 */
export async function loadYamlReader(): Promise<void> {
  if (reader !== undefined && writer !== undefined) return;
  const [reference, yaml] = await Promise.all([import("./_yaml.ts"), import("yaml")]);
  [reader, writer] = [reference.readReference, yaml.stringify];
}

/**
 * Whether the full YAML reader is loaded (a deploy of plain YAML never loads it).
 *
 * @example
 * ```ts
 * import { loadYamlReader, yamlReaderLoaded } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * await loadYamlReader();
 * ok(yamlReaderLoaded());
 * ```
 */
export function yamlReaderLoaded(): boolean {
  return reader !== undefined;
}

/** The documents of `text` read by the reference reader; {@linkcode ReaderNeeded} when not loaded. */
export function readWithReference(text: string): YamlDocument[] {
  if (reader === undefined) throw new ReaderNeeded();
  return reader(text);
}

/**
 * The `yaml` package's `stringify` (the YAML of `nopea diff`), once {@linkcode loadYamlReader}
 * has loaded it; `INTERNAL` before.
 *
 * @example
 * ```ts
 * import { loadYamlReader, stringifyYaml } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * await loadYamlReader();
 * equal(stringifyYaml({ a: "1" }), 'a: "1"\n');
 * ```
 */
export function stringifyYaml(value: unknown, options?: Parameters<Stringify>[2]): string {
  if (writer === undefined) throw new ReaderNeeded();
  return writer(value, null, options);
}
