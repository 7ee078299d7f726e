// UTF-8 decoding of manifest files that refuses invalid bytes (TextDecoder would replace them).
import { documentAt, documentSpans, linePos, type TextFault } from "./_text_checks.ts";

const UTF8_HINT = "Save the file as UTF-8; binary content belongs base64-encoded in a Secret's " +
  "data or a ConfigMap's binaryData";

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The start of the first invalid UTF-8 sequence (a binary search over valid prefixes). */
function firstInvalid(bytes: Uint8Array): number {
  let low = 0, high = bytes.length;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (decodes(bytes.subarray(0, mid))) low = mid;
    else high = mid;
  }
  for (let k = 1; k <= 3 && low - k >= 0 && bytes[low - k]! >= 0x80; k++) {
    if (bytes[low - k]! >= 0xc0) return low - k;
  }
  return low;
}

/** The decoded text, or the fault at the first byte sequence that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { fault: TextFault } {
  if (bytes[0] === 0xfe && bytes[1] === 0xff || bytes[0] === 0xff && bytes[1] === 0xfe) {
    const problem = "the file is UTF-16 (it starts with a UTF-16 byte order mark)";
    return { fault: { documentIndex: 1, line: 1, column: 1, problem, hint: UTF8_HINT } };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalid(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, at));
    const shown = [...bytes.subarray(at, at + 4)].map((b) =>
      `0x${b.toString(16).padStart(2, "0")}`
    );
    return {
      fault: {
        documentIndex: documentAt(documentSpans(before), before.length),
        ...linePos(before, before.length),
        problem: `the text is not valid UTF-8: invalid byte sequence ${shown.join(" ")}`,
        hint: UTF8_HINT,
      },
    };
  }
}
