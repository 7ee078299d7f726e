// Test helpers: assert that loading manifests fails with a ManifestError at an expected place.
import { equal, fail, ok } from "node:assert/strict";
import {
  loadManifestSources,
  ManifestError,
  ManifestErrors,
  type ManifestSource,
  type ValidateOptions,
} from "../../src/manifests/mod.ts";

/** Where an error must point. */
export interface ExpectedError {
  code: "MANIFEST_PARSE" | "MANIFEST_INVALID";
  file?: string;
  documentIndex: number;
  line: number;
  column?: number;
  item?: number;
  /** The field, which must also appear in the message as `field "<field>"`. */
  field?: string;
  /** Text the message must contain. */
  message?: string;
}

/** Runs `fn`, which must throw a ManifestError or a ManifestErrors; returns every error. */
export function manifestErrorsOf(fn: () => unknown): ManifestError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestErrors) return [...e.errors];
    if (e instanceof ManifestError) return [e];
    throw e;
  }
  return fail("expected a manifest error, but loading succeeded");
}

/** Asserts that `error` is at the expected place. */
export function assertManifestError(error: ManifestError, expected: ExpectedError): void {
  equal(error.code, expected.code, error.message);
  equal(error.file, expected.file ?? "bad.yaml", error.message);
  equal(error.documentIndex, expected.documentIndex, error.message);
  equal(error.line, expected.line, error.message);
  if (expected.column !== undefined) equal(error.column, expected.column, error.message);
  equal(error.item, expected.item, error.message);
  equal(error.field, expected.field, error.message);
  if (expected.field !== undefined) {
    ok(error.message.includes(`field "${expected.field}"`), error.message);
  }
  if (expected.message !== undefined) ok(error.message.includes(expected.message), error.message);
  ok(error.hint !== undefined && error.hint.length > 0, "an error must carry a hint");
  ok(error.message.startsWith(`Invalid manifest "${error.file}" document ${error.documentIndex}`));
}

/** Loads one source named `bad.yaml` and asserts it fails with exactly one error as expected. */
export function expectOneError(
  text: string,
  expected: ExpectedError,
  options: ValidateOptions = {},
): void {
  const source: ManifestSource = { name: "bad.yaml", text };
  const errors = manifestErrorsOf(() => loadManifestSources([source], options));
  equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
  assertManifestError(errors[0]!, expected);
}
