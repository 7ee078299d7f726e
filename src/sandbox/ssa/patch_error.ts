/** PatchError: a patch document the sandbox cannot apply. */

/**
 * A bad patch document (wrong shape, unknown directive, duplicate list keys) or a JSON patch
 * whose `test` operation failed. The message names the operation or path. The sandbox's API
 * layer turns it into a 422/400 `Status`.
 *
 * @example
 * ```ts
 * import { jsonPatch, PatchError } from "./mod.ts";
 * import { throws } from "node:assert/strict";
 * throws(() => jsonPatch({}, [{ op: "remove", path: "/missing" }]), PatchError);
 * ```
 */
export class PatchError extends Error {
  /** Always `"PatchError"`. */
  override name = "PatchError";
}
