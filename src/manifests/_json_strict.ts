// Strict JSON (RFC 8259) scanning for texts that start with '{', as kubectl reads them: the YAML
// parser would accept trailing commas, comments, single quotes and NaN in such a text.

/** Where and why a text stops being strict JSON. */
export interface JsonFault {
  readonly offset: number;
  readonly message: string;
}

type Expect = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "commaOrEnd" | "top";

const WS = /[ \t\n\r]*/y;
// deno-lint-ignore no-control-regex -- finding control characters is the point
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.+-])|(?:true|false|null)(?!\w)/y;

/** True when kubectl would read `text` as JSON: its first non-blank character is `{`. */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?[ \t\n\r]*\{/.test(text);
}

function sticky(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

function unexpected(text: string, at: number): string {
  const rest = text.slice(at, at + 9);
  if (/^-?(NaN|Infinity)/.test(rest)) return "NaN and Infinity are not JSON numbers";
  if (rest.startsWith("'")) return "JSON strings must use double quotes";
  if (rest.startsWith("/")) return "comments are not allowed in JSON";
  if (rest.startsWith('"')) return "invalid string: a raw control character or a bad escape";
  return `unexpected ${JSON.stringify(rest.match(/^[\w.+-]+|^./s)?.[0] ?? "")}`;
}

/** Scans a stream of JSON values; returns the first fault, or `undefined` for valid JSON. */
export function jsonFault(text: string, maxDepth: number): JsonFault | undefined {
  const stack: string[] = [];
  let expect: Expect = "value";
  let at = text.startsWith("\uFEFF") ? 1 : 0;
  let lastComma = -1;
  const fault = (offset: number, message: string): JsonFault => ({ offset, message });
  const close = (): Expect => {
    stack.pop();
    at++;
    return stack.length === 0 ? "top" : "commaOrEnd";
  };
  for (;;) {
    at = sticky(WS, text, at);
    if (at >= text.length) {
      return expect === "top" ? undefined : fault(at, "unexpected end of input");
    }
    const c = text[at]!;
    const open = stack[stack.length - 1];
    if ((expect === "valueOrEnd" && c === "]") || (expect === "keyOrEnd" && c === "}")) {
      expect = close();
    } else if ((expect === "value" && c === "]") || (expect === "key" && c === "}")) {
      return fault(lastComma, "a trailing comma is not allowed in JSON");
    } else if (expect === "colon") {
      if (c !== ":") return fault(at, "expected ':' after a property name");
      at++;
      expect = "value";
    } else if (expect === "commaOrEnd") {
      if (c === (open === "{" ? "}" : "]")) expect = close();
      else if (c !== ",") return fault(at, `expected ',' or '${open === "{" ? "}" : "]"}'`);
      else {
        lastComma = at++;
        expect = open === "{" ? "key" : "value";
      }
    } else if (expect === "key" || expect === "keyOrEnd") {
      const end = c === '"' ? sticky(STRING, text, at) : -1;
      if (end < 0) {
        const why = `"'/`.includes(c) ? unexpected(text, at) : "expected a property name in quotes";
        return fault(at, why);
      }
      at = end;
      expect = "colon";
    } else if (c === "{" || c === "[") {
      stack.push(c);
      if (stack.length > maxDepth) return fault(at, `nests deeper than ${maxDepth} levels`);
      at++;
      expect = c === "{" ? "keyOrEnd" : "valueOrEnd";
    } else {
      const end = sticky(c === '"' ? STRING : SCALAR, text, at);
      if (end < 0) return fault(at, unexpected(text, at));
      at = end;
      expect = stack.length === 0 ? "top" : "commaOrEnd";
    }
  }
}
