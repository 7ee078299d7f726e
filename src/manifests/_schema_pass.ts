// The schema part of checking a manifest set: which validators to load, which texts a kept verdict
// spares, the warnings for kinds whose validator could not load, and the verdicts to keep after.
import { loadSchemaCheck, type SchemaCheck } from "./_schema.ts";
import type { Parsed } from "./_parse_all.ts";
import { isPlainObject } from "./kube_object.ts";
import { describeLocation, type ManifestLocation } from "./manifest_error.ts";
import type { SchemaCheckCache } from "./schema_cache.ts";

/** A text and the name its documents are located by. */
interface Source {
  readonly name: string;
  readonly text: string;
}

/** The schema check of a set, and how to keep its verdicts once the whole set passed. */
export interface SchemaPass {
  check: SchemaCheck;
  /** Keeps the verdicts of the texts this pass checked (call only when the set passed). */
  remember(): Promise<void>;
}

/** The names whose every text passed before (a name given twice needs both texts known). */
async function sparedNames(
  sources: readonly Source[],
  cache: SchemaCheckCache | undefined,
): Promise<ReadonlySet<string>> {
  if (!cache) return new Set();
  const known = await cache.passed(sources.map((s) => s.text));
  const names = new Set(sources.filter((_, i) => known.has(i)).map((s) => s.name));
  sources.forEach((s, i) => known.has(i) || names.delete(s.name));
  return names;
}

/**
 * Loads the validators the set needs and adds a warning for each kind whose validator could not
 * load (the API server checks those). With a `cache`, texts that passed before are not checked
 * and need no validator.
 */
export async function schemaPass(
  sources: readonly Source[],
  parsed: Parsed,
  cache?: SchemaCheckCache,
): Promise<SchemaPass> {
  const spared = await sparedNames(sources, cache);
  const first = new Map<string, ManifestLocation>();
  const kindsOf = new Map<string, Set<string>>();
  for (const { value, location } of parsed.documents) {
    if (spared.has(location.source)) continue;
    const key = isPlainObject(value) ? `${value["apiVersion"]}/${value["kind"]}` : "";
    if (!first.has(key)) first.set(key, location);
    kindsOf.set(location.source, (kindsOf.get(location.source) ?? new Set()).add(key));
  }
  const { check, skipped } = await loadSchemaCheck(first.keys());
  for (const [key, reason] of skipped) {
    const location = first.get(key)!;
    const message = `Manifest ${describeLocation(location)}: the schema of ${key} was not ` +
      `checked (${reason}); the API server will check it`;
    parsed.warnings.push({ message, location });
  }
  // A text is kept as passed only when every object of it met a loaded validator (or has none).
  const unverified = (name: string) => [...kindsOf.get(name) ?? []].some((k) => skipped.has(k));
  const fresh = sources.filter((s) => !spared.has(s.name) && !unverified(s.name));
  return {
    check: (obj, location) => location && spared.has(location.source) ? [] : check(obj),
    remember: async () => {
      if (cache && fresh.length > 0) await cache.remember(fresh.map((s) => s.text));
    },
  };
}
