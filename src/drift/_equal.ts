/** Value equality for drift: zero values equal absence, resource quantities compare by amount. */
import { isPlainObject } from "../manifests/mod.ts";
import { deepEqual, type FieldPath } from "./field_path.ts";

/** Parents whose children are resource quantities (`resources.limits.cpu`, `spec.hard["requests.memory"]`). */
const QUANTITY_PARENTS = new Set([
  "limits",
  "requests",
  "capacity",
  "allocatable",
  "hard",
  "overhead",
  "max",
  "min",
  "default",
  "defaultRequest",
  "maxLimitRequestRatio",
]);
const QUANTITY_FIELDS = new Set(["sizeLimit"]);

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|[eE]([+-]?\d+))?$/;
const BINARY_POWER: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_POWER: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** An exact amount as `num / den`. */
interface Amount {
  num: bigint;
  den: bigint;
}

/** Parses a Kubernetes quantity (`"1500m"`, `"1Gi"`, `"1e3"`, `2`) exactly; `undefined` if it is not one. */
export function parseQuantity(value: unknown): Amount | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign = "", mantissa = "", binary, decimal, exponent] = m;
  const [whole = "", fraction = ""] = mantissa.split(".");
  let num = BigInt(`${whole}${fraction}` || "0") * (sign === "-" ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  if (binary) num *= 1024n ** BigInt(BINARY_POWER[binary] ?? 0);
  const power = decimal ? DECIMAL_POWER[decimal] ?? 0 : exponent ? Number(exponent) : 0;
  if (power >= 0) num *= 10n ** BigInt(power);
  else den *= 10n ** BigInt(-power);
  return { num, den };
}

function isQuantityPath(path: FieldPath): boolean {
  const last = path.at(-1);
  const parent = path.at(-2);
  return (last !== undefined && "field" in last && QUANTITY_FIELDS.has(last.field)) ||
    (parent !== undefined && "field" in parent && QUANTITY_PARENTS.has(parent.field));
}

function isZero(x: unknown): boolean {
  return x === undefined || x === null || x === false || x === 0 || x === "" ||
    (Array.isArray(x) && x.length === 0) || (isPlainObject(x) && Object.keys(x).length === 0);
}

/**
 * Whether two values of the field at `path` mean the same: equal JSON; or one absent and the other
 * a zero value (`""`, `0`, `false`, `{}`, `[]`, which the API server omits); or, under resource
 * lists, the same quantity (`"1000m"` and `"1"`, `"1Gi"` and `"1024Mi"`).
 */
export function sameValue(a: unknown, b: unknown, path: FieldPath): boolean {
  if (deepEqual(a, b)) return true;
  if (a === undefined || a === null || b === undefined || b === null) return isZero(a) && isZero(b);
  if (!isQuantityPath(path)) return false;
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  return qa !== undefined && qb !== undefined && qa.num * qb.den === qb.num * qa.den;
}
