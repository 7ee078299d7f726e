/** Clear errors for a permission Deno did not grant: which one, for what, and the flag to add. */
import { isNopeaError, NopeaError } from "../shared/mod.ts";

/** The Deno permissions Nopea needs: read and write files, net, environment variables. */
export type PermissionKind = "read" | "write" | "net" | "env" | "run" | "sys";

const VERB: Record<PermissionKind, string> = {
  read: "read",
  write: "write",
  net: "reach",
  env: "read the environment variable",
  run: "run",
  sys: "read system information",
};

/**
 * `PERMISSION_DENIED`: Nopea was run without `kind` permission for `target`; the hint names the
 * flag to add. `what` says what the target is ("the kubeconfig"), empty when it says nothing.
 *
 * @example
 * ```ts
 * import { permissionError } from "./permission_error.ts";
 * import { equal } from "node:assert/strict";
 * const e = permissionError("read", "/home/u/.kube/config", "the kubeconfig");
 * equal(e.hint, "Add --allow-read=/home/u/.kube/config");
 * ```
 */
export function permissionError(
  kind: PermissionKind,
  target: string,
  what = "",
  cause?: unknown,
): NopeaError {
  const object = what ? `${what} "${target}"` : `"${target}"`;
  return new NopeaError(
    "PERMISSION_DENIED",
    `Cannot ${VERB[kind]} ${object}: Nopea was run without ${kind} permission for it`,
    {
      hint: `Add --allow-${kind}=${target}`,
      details: { permission: kind, target },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** Whether `error` is Deno's refusal of a permission (`NotCapable`). */
export function isNotCapable(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable ||
    (error instanceof Error && error.name === "NotCapable");
}

const REQUIRES = /Requires (read|write|net|env|run|sys) access to "([^"]*)"/;

/** The first `NotCapable` in the error and its causes. */
function notCapableIn(error: unknown): Error | undefined {
  let e: unknown = error;
  for (let depth = 0; e instanceof Error && depth < 8; depth++) {
    if (isNotCapable(e)) return e as Error;
    e = e.cause;
  }
  return undefined;
}

/**
 * A `PERMISSION_DENIED` error for an error caused by a refused permission (the error itself or
 * one of its causes is Deno's `NotCapable`); `undefined` for any other error.
 *
 * @example
 * ```ts
 * import { asPermissionError } from "./permission_error.ts";
 * import { equal } from "node:assert/strict";
 * const refused = new Deno.errors.NotCapable(
 *   'Requires write access to "/m/.nopea", run again with the --allow-write flag',
 * );
 * equal(asPermissionError(new Error("wrapped", { cause: refused }))?.hint, "Add --allow-write=/m/.nopea");
 * equal(asPermissionError(new Error("other")), undefined);
 * ```
 */
export function asPermissionError(error: unknown, what = ""): NopeaError | undefined {
  if (isNopeaError(error) && error.code === "PERMISSION_DENIED") return error;
  const refused = notCapableIn(error);
  if (!refused) return undefined;
  const match = REQUIRES.exec(refused.message);
  if (!match) {
    return new NopeaError("PERMISSION_DENIED", `Nopea was run without a permission it needs`, {
      hint: refused.message,
      cause: error,
    });
  }
  return permissionError(match[1] as PermissionKind, match[2] ?? "", what, error);
}

/**
 * The `host:port` Deno's net permission names for a URL (default ports filled in), e.g.
 * `127.0.0.1:6443` or `[::1]:443`.
 *
 * @example
 * ```ts
 * import { hostPortOf } from "./permission_error.ts";
 * import { equal } from "node:assert/strict";
 * equal(hostPortOf("https://kube.example"), "kube.example:443");
 * equal(hostPortOf("http://127.0.0.1:8080/events"), "127.0.0.1:8080");
 * ```
 */
export function hostPortOf(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed || !parsed.hostname) return undefined;
  const port = parsed.port || (parsed.protocol === "http:" ? "80" : "443");
  return `${parsed.hostname}:${port}`;
}
