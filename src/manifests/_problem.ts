// The Problem record that every manifest check returns, and small helpers to build them.
import type { FieldPath } from "./_yaml.ts";
import { formatField } from "./manifest_error.ts";

/** One thing wrong with (or worth a warning about) one object. */
export interface Problem {
  /** Path of the offending field inside the object; empty for the whole document. */
  readonly path: FieldPath;
  /** What is wrong, after `field "<path>"` (`is required`). */
  readonly detail: string;
  readonly hint: string;
}

/** Collects errors and warnings while checking one object. */
export interface Findings {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/** The problem as a sentence fragment: `field "metadata.name" is required`. */
export function describeProblem(problem: Problem): string {
  return problem.path.length === 0
    ? problem.detail
    : `field "${formatField(problem.path)}" ${problem.detail}`;
}

/** A short JSON rendering of a value for messages (`"Api"`, `42`, `a list`). */
export function shown(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}

/** The JSON type of a value as messages name it. */
export function typeName(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
