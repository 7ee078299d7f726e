/**
 * @module
 * Manifests: the `KubeObject` and `ResourceKey` types, loading of YAML/JSON
 * files into objects, and validation that names the file, document and field.
 * Pure code: nothing here talks to a cluster.
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
