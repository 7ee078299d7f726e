/**
 * `process.env` for npm libraries under a scoped `--allow-env`: reads of a variable Nopea may not
 * read give `undefined` instead of throwing, and listing the environment lists only the named
 * variables (some libraries, such as `debug`, list all of it when they load).
 */
import process from "node:process";
import { ENVIRONMENT_VARIABLES } from "./environment.ts";

/** Permission answers by variable: libraries read some variables per token (yaml's LOG_TOKENS). */
const answers = new Map<string, boolean>();

function granted(variable: string): boolean {
  let answer = answers.get(variable);
  if (answer === undefined) {
    answer = Deno.permissions.querySync({ name: "env", variable }).state === "granted";
    answers.set(variable, answer);
  }
  return answer;
}

function read(name: string | symbol): string | undefined {
  return typeof name === "string" && name !== "" && !name.includes("=") && granted(name)
    ? Deno.env.get(name)
    : undefined;
}

/** The environment a library may list: all of it with `--allow-env`, else the named variables. */
function names(): string[] {
  if (Deno.permissions.querySync({ name: "env" }).state === "granted") {
    return Object.keys(Deno.env.toObject());
  }
  return Object.keys(ENVIRONMENT_VARIABLES).filter((name) => read(name) !== undefined);
}

/**
 * Replaces `process.env` with a view that never throws for a refused variable. Call it before
 * any npm library loads; idempotent.
 */
export function limitNodeEnv(): void {
  // Variables set (or deleted) that Nopea may not read stay in this process's view only.
  const local = new Map<string, string | undefined>();
  const get = (name: string | symbol) =>
    typeof name === "string" && local.has(name) ? local.get(name) : read(name);
  const env = new Proxy({} as Record<string, string>, {
    get: (_t, name) => get(name),
    has: (_t, name) => get(name) !== undefined,
    set: (_t, name, value) => {
      if (typeof name !== "string") return false;
      if (granted(name)) Deno.env.set(name, String(value));
      else local.set(name, String(value));
      return true;
    },
    deleteProperty: (_t, name) => {
      if (typeof name !== "string") return false;
      if (granted(name)) Deno.env.delete(name);
      else local.set(name, undefined);
      return true;
    },
    ownKeys: () => names(),
    getOwnPropertyDescriptor: (_t, name) => {
      const value = get(name);
      return value === undefined
        ? undefined
        : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  Object.defineProperty(process, "env", { value: env, writable: true, configurable: true });
}
