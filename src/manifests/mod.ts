/**
 * @module
 * Manifests: the `KubeObject` and `ResourceKey` types, loading of YAML/JSON
 * files into objects, and validation that names the file, document, line and
 * field. Pure code except `file_source.ts`, the one adapter that reads files,
 * directories and stdin; nothing here talks to a cluster.
 */
export {
  formatKey,
  type GroupVersion,
  isPlainObject,
  keyOf,
  type KubeObject,
  type ManagedFieldsEntry,
  type ObjectMeta,
  parseApiVersion,
  type ResourceKey,
} from "./kube_object.ts";
export {
  describeLocation,
  ManifestError,
  type ManifestErrorInit,
  ManifestErrors,
  type ManifestLocation,
} from "./manifest_error.ts";
export {
  documentsFromValues,
  type ManifestWarning,
  type ParsedDocument,
  parseManifests,
} from "./parse.ts";
export {
  type LoadedManifests,
  type LocatedObject,
  validateManifests,
  type ValidateOptions,
} from "./validate.ts";
export {
  checkManifestSources,
  type CheckOptions,
  loadManifestSources,
  type ManifestSource,
} from "./load.ts";
export {
  inMemorySchemaCheckCache,
  SCHEMA_CACHE_LIMIT,
  SCHEMA_CHECKER,
  type SchemaCheckCache,
  schemaDigest,
} from "./schema_cache.ts";
export { fileSchemaCheckCache } from "./schema_cache_file.ts";
export { MANIFEST_LIMITS } from "./limits.ts";
export { loadManifestFiles, type LoadManifestFilesOptions } from "./file_source.ts";
export { readManifestText } from "./read_text.ts";
export { loadYamlReader, stringifyYaml, yamlReaderLoaded } from "./yaml_reader.ts";
export { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from "./names.ts";
export { loadSchemaModule, SCHEMA_KINDS } from "./schema_kinds.ts";
export type { SchemaModule } from "./schema_table.ts";
