/** Tokenizer of label selectors. */

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
    } else if (c === "!" && s[i + 1] === "=") {
      out.push({ kind: "!=", text: "!=" }), i += 2;
    } else if (c === "=" && s[i + 1] === "=") {
      out.push({ kind: "==", text: "==" }), i += 2;
    } else if (SPECIAL.includes(c)) {
      out.push({ kind: c as Token["kind"], text: c }), i++;
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.includes(s[j] ?? "") && !/\s/.test(s[j] ?? "")) j++;
      out.push({ kind: "id", text: s.slice(i, j) });
      i = j;
    }
  }
  return out;
}
