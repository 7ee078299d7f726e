/** The values of `nopea serve`'s flags: port, body limit, TLS files. */
import { resolve } from "node:path";
import { NopeaError } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Parses a byte size such as `10MiB`, `512kb` or `1048576`. */
export function parseByteSize(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = UNITS[(match?.[2] ?? "").toLowerCase()];
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(bytes > 0)) {
    throw new NopeaError("SPEC_INVALID", `Invalid ${flag} "${value}": expected a size in bytes`, {
      hint: "Pass a positive size such as 10MiB, 512KiB or 1048576",
    });
  }
  return bytes;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NopeaError("SPEC_INVALID", `Invalid --port "${value}": expected 0-65535`, {
      hint: "Pass a free port, or 0 for a random one",
    });
  }
  return port;
}

/** The certificate and key of `--tls-cert` and `--tls-key`, or undefined without both. */
export async function readTls(
  flags: { tlsCert?: string | undefined; tlsKey?: string | undefined },
  ctx: CommandContext,
): Promise<{ cert: string; key: string } | undefined> {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return undefined;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    const missing = flags.tlsCert === undefined ? "--tls-cert" : "--tls-key";
    throw new NopeaError("SPEC_INVALID", `Invalid TLS settings: ${missing} is missing`, {
      hint: "Pass both --tls-cert <PEM file> and --tls-key <PEM file>, or neither",
    });
  }
  const read = async (path: string, flag: string) => {
    try {
      return await Deno.readTextFile(resolve(ctx.io.cwd, path));
    } catch (error) {
      throw new NopeaError("SPEC_INVALID", `Cannot read ${flag} "${path}"`, {
        hint: "Pass the path of a readable PEM file",
        cause: error,
      });
    }
  };
  return {
    cert: await read(flags.tlsCert, "--tls-cert"),
    key: await read(flags.tlsKey, "--tls-key"),
  };
}
