// Parsing several sources as one manifest set: every document, warning and syntax error, in order.
import type { ManifestError } from "./manifest_error.ts";
import {
  type ManifestWarning,
  type ParsedDocument,
  type ParseOutcome,
  parseSource,
} from "./parse.ts";
import { loadYamlReader, ReaderNeeded } from "./yaml_reader.ts";

/** What the sources hold together. */
export interface Parsed {
  readonly documents: ParsedDocument[];
  readonly warnings: ManifestWarning[];
  readonly errors: ManifestError[];
}

interface Source {
  readonly name: string;
  readonly text: string;
}

function add(parsed: Parsed, outcome: ParseOutcome): void {
  parsed.documents.push(...outcome.documents);
  parsed.warnings.push(...outcome.warnings);
  parsed.errors.push(...outcome.errors);
}

/** Parses the sources in order; `errors` (sources refused unread) come first. */
export function parseAll(sources: readonly Source[], errors: ManifestError[]): Parsed {
  const parsed: Parsed = { documents: [], warnings: [], errors };
  for (const source of sources) add(parsed, parseSource(source.text, source.name));
  return parsed;
}

/**
 * {@linkcode parseAll}, loading the `yaml` package the first time a source needs it (a text
 * beyond plain YAML): only that source is parsed again, not the ones read before it.
 */
export async function parseAllLoading(
  sources: readonly Source[],
  errors: ManifestError[],
): Promise<Parsed> {
  const parsed: Parsed = { documents: [], warnings: [], errors };
  for (const source of sources) {
    let outcome: ParseOutcome;
    try {
      outcome = parseSource(source.text, source.name);
    } catch (error) {
      if (!(error instanceof ReaderNeeded)) throw error;
      await loadYamlReader();
      outcome = parseSource(source.text, source.name);
    }
    add(parsed, outcome);
  }
  return parsed;
}
