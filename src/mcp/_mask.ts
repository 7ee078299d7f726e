/** Plain JSON for MCP outputs, with every Secret's values masked wherever it appears. */
import { maskForDisplay } from "../secrets/mod.ts";

/**
 * A plain-JSON copy of `value` (undefined fields dropped, dates as strings) in which every
 * core `v1` Secret, at any depth, shows its `data`, `stringData` and last-applied values in the
 * display form; values masked before (stored or display form) are kept as they are.
 */
export function toMaskedJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? null : maskForDisplay(JSON.parse(json));
}
