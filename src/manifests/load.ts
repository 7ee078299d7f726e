/** loadManifestSources: parse and validate several texts at once, reporting every error together. */
import { ManifestError, throwManifestErrors } from "./manifest_error.ts";
import type { SchemaCheck } from "./_schema.ts";
import { schemaPass } from "./_schema_pass.ts";
import { parseAll, parseAllLoading, type Parsed } from "./_parse_all.ts";
import { loadYamlReader, ReaderNeeded } from "./yaml_reader.ts";
import type { SchemaCheckCache } from "./schema_cache.ts";
import { checkDocuments, type LoadedManifests, type ValidateOptions } from "./validate.ts";

/** Options of {@linkcode checkManifestSources}: the explicit namespace, and kept verdicts. */
export interface CheckOptions extends ValidateOptions {
  /**
   * Verdicts of earlier schema checks: a text that passed before is not checked against the
   * schemas again (everything else is), and texts checked now are kept once the set passed.
   */
  schemaCache?: SchemaCheckCache;
}

/** One text to load and the name its errors show. */
export interface ManifestSource {
  /** The file path as the user gave it, or `<stdin>`. */
  readonly name: string;
  /** The YAML or JSON content. */
  readonly text: string;
}

function finish(
  names: readonly string[],
  parsed: Parsed,
  options: ValidateOptions,
  schema?: SchemaCheck,
): LoadedManifests {
  const checked = checkDocuments(parsed.documents, options, schema);
  const errors = [...parsed.errors, ...checked.errors];
  const rank = new Map(names.map((name, i) => [name, i]));
  errors.sort((a, b) =>
    (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.documentIndex - b.documentIndex
  );
  throwManifestErrors(errors);
  return { objects: checked.objects, warnings: [...parsed.warnings, ...checked.warnings] };
}

/**
 * Parses and validates several sources as one manifest set: duplicates are found across files,
 * and syntax errors of one file are reported together with the invalid documents of another.
 * Nothing is returned unless every document is valid. The schema checks of built-in kinds need
 * their validators loaded, so they are made by {@linkcode checkManifestSources} only.
 *
 * @param sources The texts, in load order.
 * @param options The explicit namespace, if any.
 * @returns The objects in source order with their locations, and warnings.
 * @throws {ManifestError} `MANIFEST_PARSE` or `MANIFEST_INVALID`; a `ManifestErrors` aggregate
 * when there are several. {@linkcode NopeaError} `MANIFEST_INVALID` for a source over the size
 * limit ({@linkcode MANIFEST_LIMITS}).
 *
 * @example The same ConfigMap in two files is a duplicate
 * ```ts
 * import { loadManifestSources } from "@nopea/nopea";
 * import { throws } from "node:assert/strict";
 * const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\n";
 * throws(
 *   () => loadManifestSources([{ name: "a.yaml", text }, { name: "b.yaml", text }]),
 *   (e: Error) => e.message.includes('already defined in "a.yaml" document 1'),
 * );
 * ```
 */
export function loadManifestSources(
  sources: readonly ManifestSource[],
  options: ValidateOptions = {},
): LoadedManifests {
  return finish(sources.map((s) => s.name), parseAll(sources, []), options);
}

/**
 * Like {@linkcode loadManifestSources}, and also checks objects of built-in kinds (Deployment,
 * Service, CronJob, ...) against the Kubernetes OpenAPI schemas: wrong types (`replicas: "3"`),
 * bad quantities, missing required fields, unknown enum values, each at its line and field.
 * The validator of a kind is loaded the first time a manifest holds that kind.
 *
 * @param sources The texts, in load order.
 * @param options The explicit namespace, if any; a cache of schema verdicts.
 * @returns The objects in source order with their locations, and warnings.
 * @throws {ManifestError} As {@linkcode loadManifestSources}, schema violations included.
 *
 * @example replicas must be a number
 * ```ts
 * import { checkManifestSources } from "./load.ts";
 * import { rejects } from "node:assert/strict";
 * const text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: two\n";
 * await rejects(
 *   checkManifestSources([{ name: "web.yaml", text }]),
 *   /field "spec.replicas" must be an integer/,
 * );
 * ```
 */
export function checkManifestSources(
  sources: readonly ManifestSource[],
  options: CheckOptions = {},
): Promise<LoadedManifests> {
  return checkLoaded(sources, options);
}

/**
 * For sources in load order (some refused unread); loads the `yaml` package if a text needs it.
 */
export function checkLoaded(
  entries: readonly (ManifestSource | ManifestError)[],
  options: CheckOptions,
): Promise<LoadedManifests> {
  return checkOnce(entries, options).catch(async (error) => {
    if (!(error instanceof ReaderNeeded)) throw error;
    await loadYamlReader();
    return await checkOnce(entries, options);
  });
}

async function checkOnce(
  entries: readonly (ManifestSource | ManifestError)[],
  options: CheckOptions,
): Promise<LoadedManifests> {
  const refused = entries.filter((e): e is ManifestError => e instanceof ManifestError);
  const sources = entries.filter((e): e is ManifestSource => !(e instanceof ManifestError));
  const parsed = await parseAllLoading(sources, refused);
  const schema = await schemaPass(sources, parsed, options.schemaCache);
  const names = entries.map((e) => e instanceof ManifestError ? e.file : e.name);
  const { schemaCache: _, ...validate } = options;
  const loaded = finish(names, parsed, validate, schema.check);
  await schema.remember();
  return loaded;
}
