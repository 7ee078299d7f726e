/** `<dir>/secret.key`: the store's random key for masking Secret values (mode 0600). */
import { NopeaError } from "../shared/mod.ts";

const KEY_BYTES = 32;

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function parse(text: string, path: string): Uint8Array {
  const clean = text.trim();
  if (!/^[0-9a-f]{64}$/.test(clean)) {
    throw new NopeaError(
      "MEMORY_CORRUPT",
      `The Secret masking key "${path}" is not 64 hex digits`,
      {
        hint: "Restore it from a backup; without it, masked Secret values cannot be compared",
      },
    );
  }
  return Uint8Array.from(clean.match(/../g)!.map((h) => parseInt(h, 16)));
}

/**
 * Reads the store's key, or creates it (32 random bytes, readable only by the user) when it does
 * not exist yet; two processes creating it at once read the one that won.
 */
export async function readOrCreateSecretKey(dir: string): Promise<Uint8Array> {
  const path = `${dir}/secret.key`;
  try {
    return parse(await Deno.readTextFile(path), path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.mkdir(dir, { recursive: true });
  const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  try {
    await Deno.writeTextFile(path, hex(key) + "\n", { createNew: true, mode: 0o600 });
    return key;
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    return parse(await Deno.readTextFile(path), path);
  }
}
