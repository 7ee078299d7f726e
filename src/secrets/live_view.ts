/** A live Secret seen the way memory stores it, so its values can be compared without knowing them. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { decodeBase64Text } from "./_bytes.ts";
import { createSecretMasker, type SecretMasker } from "./masker.ts";
import { isSecret } from "./secret_object.ts";

/**
 * `live` with each value masked like the stored form it is compared with: a stored `data` value
 * against the live base64 text, a stored `stringData` value against the decoded text, an unkeyed
 * `sha256:` stored value with the unkeyed masker (stores written before per-store keys). Values
 * only live holds are masked with `masker`. Objects that are not Secrets come back unchanged.
 *
 * @example
 * ```ts
 * import { createSecretMasker, maskForStore, maskedLiveSecret } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const masker = createSecretMasker({ key: new Uint8Array(32).fill(7) });
 * const stored = maskForStore([{ apiVersion: "v1", kind: "Secret", metadata: { name: "s" },
 *   stringData: { pin: "4821" } }], masker)[0]!;
 * const live = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { pin: btoa("4821") } };
 * deepEqual(maskedLiveSecret(stored, live, masker)["stringData"], stored["stringData"]);
 * ```
 */
export function maskedLiveSecret(
  stored: KubeObject,
  live: KubeObject,
  masker: SecretMasker,
): KubeObject {
  if (!isSecret(live) || !isSecret(stored)) return live;
  const raw = isPlainObject(live["data"]) ? live["data"] : {};
  const unkeyed = createSecretMasker();
  const maskFor = (storedValue: unknown) =>
    typeof storedValue === "string" && storedValue.startsWith("sha256:") ? unkeyed : masker;
  const view: Record<string, Record<string, string>> = {};
  const seen = new Set<string>();
  for (const field of ["data", "stringData"] as const) {
    const fields = stored[field];
    if (!isPlainObject(fields)) continue;
    view[field] = {};
    for (const [k, storedValue] of Object.entries(fields)) {
      const value = raw[k];
      if (typeof value !== "string") continue;
      seen.add(k);
      const text = field === "data" ? value : decodeBase64Text(value) ?? value;
      view[field]![k] = maskFor(storedValue).storedForm(text);
    }
  }
  for (const [k, value] of Object.entries(raw)) {
    if (seen.has(k) || typeof value !== "string") continue;
    (view["data"] ??= {})[k] = masker.storedForm(value);
  }
  const { data: _data, stringData: _stringData, ...rest } = live;
  return { ...rest, ...view } as KubeObject;
}
