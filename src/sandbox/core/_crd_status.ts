/** A CRD's naming status, computed as kube's naming and establishing controllers do. */
import type { JsonObject } from "../types.ts";
import type { CrdDefinition } from "./_crd.ts";
import { getPath, isObject } from "./_json.ts";

function used(name: string, accepted: string | undefined, taken: Set<string>): boolean {
  return name !== accepted && taken.has(name);
}

function conflictOf(
  def: CrdDefinition,
  others: readonly CrdDefinition[],
  accepted: JsonObject,
): { reason: string; message: string } | undefined {
  const resources = new Set(
    others.flatMap((d) => [d.names.plural, d.names.singular, ...d.names.shortNames]),
  );
  const kinds = new Set(others.flatMap((d) => [d.names.kind, d.names.listKind]));
  const at = (k: string) => typeof accepted[k] === "string" ? accepted[k] as string : undefined;
  const n = def.names;
  if (used(n.plural, at("plural"), resources)) return fail("PluralConflict", n.plural);
  if (used(n.singular, at("singular"), resources)) return fail("SingularConflict", n.singular);
  const short = n.shortNames.find((s) => resources.has(s));
  if (short !== undefined) return fail("ShortNamesConflict", short);
  if (used(n.kind, at("kind"), kinds)) return fail("KindConflict", n.kind);
  if (used(n.listKind, at("listKind"), kinds)) return fail("ListKindConflict", n.listKind);
  return undefined;
}

function fail(reason: string, name: string): { reason: string; message: string } {
  return { reason, message: `"${name}" is already in use` };
}

function namesOf(def: CrdDefinition): JsonObject {
  const n = def.names;
  return {
    plural: n.plural,
    singular: n.singular,
    ...(n.shortNames.length ? { shortNames: n.shortNames } : {}),
    kind: n.kind,
    listKind: n.listKind,
    ...(n.categories.length ? { categories: n.categories } : {}),
  };
}

function condition(
  previous: unknown,
  type: string,
  [status, reason, message]: readonly string[],
  now: string,
): JsonObject {
  const old = Array.isArray(previous)
    ? previous.find((c) => isObject(c) && c["type"] === type)
    : undefined;
  const since =
    isObject(old) && old["status"] === status && typeof old["lastTransitionTime"] === "string"
      ? old["lastTransitionTime"]
      : now;
  return { type, status, lastTransitionTime: since, reason, message };
}

/** The CRD's `status`, and whether its names were accepted (it is then served). */
export function crdNamingStatus(
  def: CrdDefinition,
  others: readonly CrdDefinition[],
  previous: JsonObject | undefined,
  now: string,
): { status: JsonObject; accepted: boolean } {
  const prevAccepted = getPath(previous, ["acceptedNames"]);
  const conflict = conflictOf(def, others, isObject(prevAccepted) ? prevAccepted : {});
  const prevConditions = getPath(previous, ["conditions"]);
  const stored = getPath(previous, ["storedVersions"]);
  const storedVersions = Array.isArray(stored) ? stored.filter((v) => typeof v === "string") : [];
  if (!storedVersions.includes(def.storageVersion)) storedVersions.push(def.storageVersion);
  const acceptedNames = conflict ? { plural: "", kind: "" } : namesOf(def);
  const [names, established] = conflict
    ? [
      ["False", conflict.reason, conflict.message],
      ["False", "NotAccepted", "not all names are accepted"],
    ]
    : [
      ["True", "NoConflicts", "no conflicts found"],
      ["True", "InitialNamesAccepted", "the initial names have been accepted"],
    ];
  const conditions = [
    condition(prevConditions, "NamesAccepted", names, now),
    condition(prevConditions, "Established", established, now),
  ];
  return { status: { conditions, acceptedNames, storedVersions }, accepted: !conflict };
}
