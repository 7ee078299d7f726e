// The YAML directives of a stream: a document may carry one %YAML (version 1.x) and one %TAG per
// handle; the `yaml` package silently keeps the last of duplicates.
import type { CST } from "yaml";

/** A directive the YAML spec forbids: a second %YAML or %TAG !h!, or a %YAML version not 1.x. */
export interface DirectiveFault {
  readonly offset: number;
  readonly problem: string;
}

/** Passes the tokens through, noting each document's directive faults by document number. */
export function* watchDirectives(
  tokens: Iterable<CST.Token>,
  faults: Map<number, DirectiveFault>,
): Generator<CST.Token> {
  let seen = new Set<string>();
  let document = 1;
  for (const token of tokens) {
    if (token.type === "document") {
      document++;
      seen = new Set();
    } else if (token.type === "directive" && !faults.has(document)) {
      const [name = "", arg = ""] = token.source.trim().split(/\s+/);
      const key = name === "%TAG" ? `%TAG ${arg}` : name;
      if (seen.has(key)) {
        faults.set(document, { offset: token.offset, problem: `duplicate ${key} directive` });
      } else if (name === "%YAML" && !/^1\.[12]$/.test(arg)) {
        const problem = `unsupported YAML version ${arg} (1.1 and 1.2 are read)`;
        faults.set(document, { offset: token.offset, problem });
      }
      seen.add(key);
    }
    yield token;
  }
}
