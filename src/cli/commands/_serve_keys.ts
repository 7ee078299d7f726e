/** The keys `nopea serve` requires: from the environment, else from files in the memory directory. */
import { isLoopbackHost, loadOrCreateApiKey, READ_API_KEY_FILE } from "../../http/mod.ts";
import { NopeaError } from "../../shared/mod.ts";

/** The flags that decide the keys. */
export interface KeyFlags {
  host: string;
  auth: boolean;
  showKey?: boolean | undefined;
}

/** The keys from the environment: NOPEA_API_KEY (deploy) and NOPEA_READ_API_KEY (read-only). */
export interface EnvKeys {
  deploy?: string | undefined;
  read?: string | undefined;
}

/** The server's keys and the line that says where they come from (never a key, unless asked). */
export interface ServeKeys {
  apiKey?: string;
  readApiKey?: string;
  note: string;
}

/** Checks `--no-auth` and `--host` against the key variables, before anything is opened. */
export function checkKeyFlags(flags: KeyFlags, env: EnvKeys): void {
  const named = env.deploy !== undefined ? "NOPEA_API_KEY" : "NOPEA_READ_API_KEY";
  if (!flags.auth && (env.deploy !== undefined || env.read !== undefined)) {
    throw new NopeaError("SPEC_INVALID", `Invalid --no-auth: ${named} is set`, {
      hint: `Unset ${named} to serve without a key, or leave out --no-auth`,
    });
  }
  if (!flags.auth && !isLoopbackHost(flags.host)) {
    throw new NopeaError("SPEC_INVALID", `Invalid --no-auth with --host "${flags.host}"`, {
      hint: "--no-auth is only allowed on a loopback address (127.0.0.1, ::1, localhost)",
    });
  }
  if (env.deploy === undefined && !isLoopbackHost(flags.host)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Refusing to listen on "${flags.host}" without an API key: anyone reaching it could deploy`,
      {
        hint: "Set NOPEA_API_KEY (clients send it as Authorization: Bearer <key> or in the " +
          "x-api-key header), or use --host 127.0.0.1",
      },
    );
  }
}

function envNote(env: EnvKeys): ServeKeys {
  const named = [
    ...(env.deploy === undefined ? [] : ["NOPEA_API_KEY"]),
    ...(env.read === undefined ? [] : ["read-only NOPEA_READ_API_KEY"]),
  ];
  return {
    ...(env.deploy === undefined ? {} : { apiKey: env.deploy }),
    ...(env.read === undefined ? {} : { readApiKey: env.read }),
    note: `x-api-key required: ${named.join(", ")}`,
  };
}

/**
 * The keys from NOPEA_API_KEY and NOPEA_READ_API_KEY when either is set; else none with
 * `--no-auth`; else the deploy key in `<memory dir>/api-key` and the read-only key in
 * `<memory dir>/read-api-key` (made on the first start, mode 0600). Only on loopback may the
 * deploy key be anything but NOPEA_API_KEY.
 */
export async function serveKeys(
  flags: KeyFlags,
  env: EnvKeys,
  memoryDir: string,
): Promise<ServeKeys> {
  if (env.deploy !== undefined || env.read !== undefined) return envNote(env);
  if (!flags.auth) return { note: "no API key: --no-auth, loopback only" };
  const file = await loadOrCreateApiKey(memoryDir);
  const read = await loadOrCreateApiKey(memoryDir, READ_API_KEY_FILE);
  const shown = flags.showKey ? `: ${file.key}` : "";
  return {
    apiKey: file.key,
    readApiKey: read.key,
    note: `x-api-key required; the key${shown} is in ${file.path} ` +
      `(${file.created ? "made now, " : ""}readable only by you; a read-only key is in ` +
      `${read.path})`,
  };
}
