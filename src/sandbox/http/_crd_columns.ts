/** Table columns of custom resources from their CRD version's `additionalPrinterColumns`. */
import type { JsonObject, PrinterColumn } from "../types.ts";
import { ageOf } from "./_age.ts";
import type { Column } from "./_columns.ts";

type Step = { key: string } | { index: number } | { filter: string; equals: string };

/** Parses the JSONPath subset CRDs use: `.a.b`, `.a[0]`, `.a[?(@.type=="Ready")].status`. */
function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[\?\(@\.([\w-]+)\s*==\s*["']([^"']*)["']\)\]/gy;
  const text = path.trim().replace(/^\{(.*)\}$/, "$1");
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else steps.push({ filter: m[3]!, equals: m[4]! });
  }
  return re.lastIndex === text.length || text.length === 0 ? steps : undefined;
}

function evaluate(obj: unknown, steps: readonly Step[]): unknown {
  let cur = obj;
  for (const step of steps) {
    if (cur === null || typeof cur !== "object") return undefined;
    if ("key" in step) cur = (cur as JsonObject)[step.key];
    else if ("index" in step) cur = Array.isArray(cur) ? cur[step.index] : undefined;
    else {
      cur = Array.isArray(cur)
        ? cur.find((x) =>
          x !== null && typeof x === "object" && String(x[step.filter]) === step.equals
        )
        : undefined;
    }
  }
  return cur;
}

function render(value: unknown, type: string, now: number): string | number | boolean {
  if (value === undefined || value === null) return type === "string" ? "" : "<none>";
  if (type === "date") return ageOf(value, now);
  if (typeof value === "number" || typeof value === "boolean") return value;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The Table columns of `additionalPrinterColumns` (after Name, as kube-apiserver serves them). */
export function printerColumnsOf(columns: readonly PrinterColumn[]): Column[] {
  return columns.map((c) => {
    const steps = parsePath(c.jsonPath);
    return {
      name: c.name,
      type: c.type as Column["type"],
      format: c.format ?? "",
      description: c.description ?? "Custom resource definition column (in JSONPath format): " +
          c.jsonPath,
      priority: c.priority ?? 0,
      cell: (obj: JsonObject, now: number) =>
        render(steps ? evaluate(obj, steps) : undefined, c.type, now) as string | number,
    };
  });
}
