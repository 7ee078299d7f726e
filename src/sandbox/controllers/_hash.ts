/** Deterministic hashes: pod-template-hash, generated name suffixes, image digests, event names. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { stableStringify } from "./_json.ts";

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** The UTF-8 bytes of `text`; ASCII text is read as is, without an encoder. */
function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return new TextEncoder().encode(text);
    bytes[i] = code;
  }
  return bytes;
}

/** FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits (in 32-bit halves). */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (const byte of utf8(text)) {
    lo = (lo ^ byte) >>> 0;
    // h * 0x100000001b3 = h * 0x1b3 + (h << 40), modulo 2^64
    const low = lo * 0x1b3;
    hi = (Math.imul(hi, 0x1b3) + Math.floor(low / 0x100000000) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** Hashes of stored templates: stored objects are replaced on write, never changed. */
const templateHashes = new WeakMap<object, string>();

/** The 10-hex-digit hash of a pod template (the `pod-template-hash` label). */
export function templateHash(template: unknown): string {
  const known = typeof template === "object" && template !== null
    ? templateHashes.get(template)
    : undefined;
  if (known !== undefined) return known;
  const hash = fnv1a64(stableStringify(withoutNullTimestamp(template))).slice(0, 10);
  if (typeof template === "object" && template !== null) templateHashes.set(template, hash);
  return hash;
}

/**
 * kube hashes the Go struct, where `metadata.creationTimestamp: null` (which kubectl sends when
 * `rollout undo` copies a ReplicaSet's template back) is the same as no timestamp.
 */
function withoutNullTimestamp(template: unknown): unknown {
  if (typeof template !== "object" || template === null) return template;
  const t = template as Record<string, unknown>;
  const meta = t["metadata"] as Record<string, unknown> | undefined;
  if (meta?.["creationTimestamp"] !== null) return template;
  const { creationTimestamp: _, ...rest } = meta;
  return { ...t, metadata: rest };
}

/** A 5-character name suffix derived from `seed`, in the Kubernetes alphabet. */
export function nameSuffix(seed: string): string {
  let n = Number.parseInt(fnv1a64(seed).slice(0, 12), 16);
  let out = "";
  for (let i = 0; i < 5; i++) {
    out += SUFFIX_ALPHABET[n % 27];
    n = Math.floor(n / 27);
  }
  return out;
}

/** A `sha256:<hex>` digest that stands for the pulled content of `image`. */
function imageDigest(image: string): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(image)))}`;
}

/** The image reference as a registry resolves it (`nginx:1` → `docker.io/library/nginx:1`). */
export function qualifiedImage(image: string): string {
  const at = image.indexOf("@");
  const lastSlash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  const cut = at >= 0 ? at : colon > lastSlash ? colon : image.length;
  const repo = image.slice(0, cut);
  const rest = cut === image.length ? ":latest" : image.slice(cut);
  const host = repo.split("/")[0] ?? "";
  const registry = repo.includes("/") &&
    (host.includes(".") || host.includes(":") || host === "localhost");
  if (registry) return repo + rest;
  return `docker.io/${repo.includes("/") ? repo : `library/${repo}`}${rest}`;
}

/** The `imageID` a kubelet reports: the qualified repository with the content digest. */
export function imageId(image: string): string {
  const qualified = qualifiedImage(image);
  const at = qualified.indexOf("@");
  if (at >= 0) return qualified;
  const lastSlash = qualified.lastIndexOf("/");
  const colon = qualified.lastIndexOf(":");
  return `${colon > lastSlash ? qualified.slice(0, colon) : qualified}@${imageDigest(image)}`;
}
