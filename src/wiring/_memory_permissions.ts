/** The memory store, with a refused read or write permission said as such (directory and flag). */
import type { MemoryStore } from "../memory/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { asPermissionError, permissionError, type PermissionKind } from "../permissions/mod.ts";

/**
 * Wraps `store` so that a failure caused by a permission Deno refused becomes `PERMISSION_DENIED`
 * naming the memory directory and `--allow-read=` / `--allow-write=<dir>`; other failures pass.
 */
export function permissionAwareStore(store: MemoryStore, dir: string): MemoryStore {
  const rethrow = (error: unknown): never => {
    const refused = asPermissionError(error);
    if (!refused) throw error;
    const kind = (refused.details?.["permission"] ?? "read") as PermissionKind;
    const clear = permissionError(kind, dir, "the memory directory", error);
    // A deploy shows this as a warning without the hint: the message names the flag too.
    throw new NopeaError(clear.code, `${clear.message} (${clear.hint?.replace("Add", "add")})`, {
      ...(clear.hint === undefined ? {} : { hint: clear.hint }),
      cause: error,
      ...(clear.details === undefined ? {} : { details: clear.details }),
    });
  };
  return new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          const out: unknown = value.apply(target, args);
          return out instanceof Promise ? out.catch(rethrow) : out;
        } catch (error) {
          return rethrow(error);
        }
      };
    },
  });
}
