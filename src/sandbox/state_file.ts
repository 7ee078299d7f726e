/** Saving and loading sandbox state to a JSON file (`nopea sandbox --state FILE`). */
import { NopeaError } from "../shared/mod.ts";
import type { JsonObject } from "./types.ts";

/**
 * Reads a saved state; a missing file means a fresh sandbox.
 *
 * @throws {NopeaError} `SANDBOX_STATE` when the file is not a saved sandbox state
 */
export async function loadSandboxState(path: string): Promise<JsonObject | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new NopeaError("SANDBOX_STATE", `Cannot read sandbox state "${path}"`, {
      hint: "Check the file's permissions",
      cause: error,
    });
  }
  try {
    const state: unknown = JSON.parse(text);
    if (typeof state === "object" && state !== null && !Array.isArray(state)) {
      return state as JsonObject;
    }
  } catch (error) {
    throw new NopeaError("SANDBOX_STATE", `Sandbox state "${path}" is not valid JSON`, {
      hint: "Delete the file to start a fresh sandbox",
      cause: error,
    });
  }
  throw new NopeaError("SANDBOX_STATE", `Sandbox state "${path}" is not a JSON object`, {
    hint: "Delete the file to start a fresh sandbox",
  });
}

/** Writes the state atomically (temp file + rename), so a crash never leaves half a file. */
export async function saveSandboxState(path: string, state: JsonObject): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID()}`;
  await Deno.writeTextFile(tmp, JSON.stringify(state));
  await Deno.rename(tmp, path);
}
