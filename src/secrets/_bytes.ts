/** Text, bytes and base64, as Secret values need them. */
// Native digests (node:crypto): the same hex as `@noble/hashes`, which masked values before.
import { createHash, createHmac } from "node:crypto";

const encoder = new TextEncoder();

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Hex HMAC-SHA256 of some bytes under `key`. */
export function hmacHex(key: Uint8Array, bytes: Uint8Array): string {
  return createHmac("sha256", key).update(bytes).digest("hex");
}

/** The UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The bytes a base64 text stands for, or `undefined` when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Base64 of a text's UTF-8 bytes. */
export function toBase64(text: string): string {
  let binary = "";
  for (const byte of utf8(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The UTF-8 text a base64 value stands for, or `undefined` when it is not base64 of UTF-8. */
export function decodeBase64Text(text: string): string | undefined {
  const bytes = fromBase64(text);
  if (bytes === undefined) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
