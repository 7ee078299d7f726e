/** Tokenizer and parser of label selectors. */
import { StatusError } from "../types.ts";

/** One requirement of a label selector. */
export interface LabelRequirement {
  /** The label key. */
  key: string;
  /** The operator (`exists` for `key`, `!` for `!key`). */
  op: "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";
  /** The values of `=`, `!=`, `in`, `notin`, `gt`, `lt`. */
  values: readonly string[];
}

/** One token: an identifier or an operator/punctuation. */
export interface Token {
  kind: "id" | "!" | "=" | "==" | "!=" | "(" | ")" | "," | ">" | "<";
  text: string;
}

const SPECIAL = "!=(),<>";

/** Splits a label selector into tokens, skipping whitespace. */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if ((c === "!" || c === "=") && s[i + 1] === "=") {
      out.push({ kind: c === "!" ? "!=" : "==", text: `${c}=` });
      i += 2;
    } else if (SPECIAL.includes(c)) {
      out.push({ kind: c as Token["kind"], text: c });
      i++;
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.includes(s[j] ?? "") && !/\s/.test(s[j] ?? "")) j++;
      out.push({ kind: "id", text: s.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function parseError(why: string): StatusError {
  return new StatusError(400, "BadRequest", `unable to parse requirement: ${why}`);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkValue(value: string): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw parseError(
      `values[0][${value}]: Invalid value: "${value}": a valid label must be an ` +
        "empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and " +
        "end with an alphanumeric character",
    );
  }
  return value;
}

/** Recursive-descent parser over the tokens of one selector. */
export class LabelParser {
  readonly #tokens: Token[];
  #i = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #next(): Token | undefined {
    return this.#tokens[this.#i++];
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#i];
  }

  parse(): LabelRequirement[] {
    const out: LabelRequirement[] = [];
    while (this.#i < this.#tokens.length) {
      out.push(this.#requirement());
      const sep = this.#next();
      if (sep !== undefined && sep.kind !== ",") {
        throw parseError(`found '${sep.text}', expected: ',' or 'end of string'`);
      }
    }
    return out;
  }

  #requirement(): LabelRequirement {
    const tok = this.#next();
    if (tok?.kind === "!") {
      const key = this.#next();
      if (key?.kind !== "id") {
        throw parseError(`found '${key?.text ?? ""}', expected: identifier after '!'`);
      }
      return { key: key.text, op: "!", values: [] };
    }
    if (tok?.kind !== "id") {
      throw parseError(`found '${tok?.text ?? ""}', expected: !, identifier, or 'end of string'`);
    }
    const key = tok.text;
    const op = this.#peek();
    if (op === undefined || op.kind === ",") return { key, op: "exists", values: [] };
    this.#i++;
    if (op.kind === "=" || op.kind === "==" || op.kind === "!=") {
      const value = this.#peek()?.kind === "id" ? this.#next()?.text ?? "" : "";
      return { key, op: op.kind === "!=" ? "!=" : "=", values: [checkValue(value)] };
    }
    if (op.kind === ">" || op.kind === "<") {
      const value = this.#next();
      if (value?.kind !== "id" || !/^-?\d+$/.test(value.text)) {
        throw parseError("for 'gt', 'lt' operators, exactly one value is required");
      }
      return { key, op: op.kind === ">" ? "gt" : "lt", values: [value.text] };
    }
    if (op.kind === "id" && (op.text === "in" || op.text === "notin")) {
      return { key, op: op.text, values: this.#set(op.text) };
    }
    throw parseError(`found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
  }

  #set(op: string): string[] {
    if (this.#next()?.kind !== "(") throw parseError(`found '${op}', expected: '('`);
    const values: string[] = [];
    for (let tok = this.#next(); tok?.kind !== ")"; tok = this.#next()) {
      if (tok === undefined) throw parseError("found '', expected: ')'");
      if (tok.kind === "id") values.push(checkValue(tok.text));
      else if (tok.kind !== ",") throw parseError(`found '${tok.text}', expected: ',' or ')'`);
    }
    return values;
  }
}
