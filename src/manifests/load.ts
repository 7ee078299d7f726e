/** loadManifestSources: parse and validate several texts at once, reporting every error together. */
import {
  describeLocation,
  ManifestError,
  type ManifestLocation,
  throwManifestErrors,
} from "./manifest_error.ts";
import { loadSchemaCheck, type SchemaCheck } from "./_schema.ts";
import { parseAll, parseAllLoading, type Parsed } from "./_parse_all.ts";
import { loadYamlReader, ReaderNeeded } from "./yaml_reader.ts";
import { isPlainObject } from "./kube_object.ts";
import { checkDocuments, type LoadedManifests, type ValidateOptions } from "./validate.ts";

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
 * @param options The explicit namespace, if any.
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
  options: ValidateOptions = {},
): Promise<LoadedManifests> {
  return checkLoaded(sources, options);
}

/**
 * For sources in load order (some refused unread); loads the `yaml` package if a text needs it.
 */
export function checkLoaded(
  entries: readonly (ManifestSource | ManifestError)[],
  options: ValidateOptions,
): Promise<LoadedManifests> {
  return checkOnce(entries, options).catch(async (error) => {
    if (!(error instanceof ReaderNeeded)) throw error;
    await loadYamlReader();
    return await checkOnce(entries, options);
  });
}

async function checkOnce(
  entries: readonly (ManifestSource | ManifestError)[],
  options: ValidateOptions,
): Promise<LoadedManifests> {
  const refused = entries.filter((e): e is ManifestError => e instanceof ManifestError);
  const sources = entries.filter((e): e is ManifestSource => !(e instanceof ManifestError));
  const parsed = await parseAllLoading(sources, refused);
  const first = new Map<string, ManifestLocation>();
  for (const { value, location } of parsed.documents) {
    const key = isPlainObject(value) ? `${value["apiVersion"]}/${value["kind"]}` : "";
    if (!first.has(key)) first.set(key, location);
  }
  const { check, skipped } = await loadSchemaCheck(first.keys());
  for (const [key, reason] of skipped) {
    const location = first.get(key)!;
    const message = `Manifest ${describeLocation(location)}: the schema of ${key} was not ` +
      `checked (${reason}); the API server will check it`;
    parsed.warnings.push({ message, location });
  }
  const names = entries.map((e) => e instanceof ManifestError ? e.file : e.name);
  return finish(names, parsed, options, check);
}
