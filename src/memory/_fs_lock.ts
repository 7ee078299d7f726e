/** The `.nopea/lock` file: O_CREAT|O_EXCL, holding pid, host and time; stale after a while or when its pid is dead. */
import type { Clock } from "../shared/mod.ts";

/** Options of {@linkcode tryLock}. */
export interface LockOptions {
  clock: Clock;
  /** A lock older than this is taken over. */
  staleMs: number;
}

/** Who holds the lock. */
export interface LockHolder {
  pid: number;
  host: string;
  at: string;
  token: string;
}

const encoder = new TextEncoder();

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, 0 as unknown as Deno.Signal);
    return true;
  } catch (e) {
    return !(e instanceof Deno.errors.NotFound);
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined | "gone"> {
  try {
    const value = JSON.parse(await Deno.readTextFile(path));
    return typeof value?.pid === "number" && typeof value?.at === "string" ? value : undefined;
  } catch (e) {
    return e instanceof Deno.errors.NotFound ? "gone" : undefined;
  }
}

async function isStale(
  path: string,
  holder: LockHolder | undefined,
  options: LockOptions,
): Promise<boolean> {
  if (holder === undefined) {
    // Unreadable: created but not yet written, or written by a process killed in between.
    const mtime = (await Deno.stat(path).catch(() => undefined))?.mtime?.getTime() ?? 0;
    return Date.now() - mtime > options.staleMs;
  }
  if (options.clock.now() - Date.parse(holder.at) > options.staleMs) return true;
  return holder.host === Deno.hostname() && holder.pid !== Deno.pid && !alive(holder.pid);
}

/**
 * Takes the lock if it is free or stale. Returns the function that releases it,
 * or `undefined` when a live process holds it.
 */
export async function tryLock(
  path: string,
  options: LockOptions,
): Promise<(() => Promise<void>) | undefined> {
  const token = crypto.randomUUID();
  const holder: LockHolder = {
    pid: Deno.pid,
    host: Deno.hostname(),
    at: new Date(options.clock.now()).toISOString(),
    token,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await Deno.open(path, { write: true, createNew: true });
      try {
        await file.write(encoder.encode(JSON.stringify(holder)));
      } finally {
        file.close();
      }
      return () => release(path, token);
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
    const current = await readHolder(path);
    if (current === "gone") continue;
    if (!(await isStale(path, current, options))) return undefined;
    const aside = `${path}.stale-${token}`;
    try {
      await Deno.rename(path, aside);
      await Deno.remove(aside);
    } catch {
      // Another process took it over first; try again.
    }
  }
  return undefined;
}

async function release(path: string, token: string): Promise<void> {
  const current = await readHolder(path);
  if (typeof current === "object" && current.token === token) {
    await Deno.remove(path).catch(() => {});
  }
}

/** Who holds the lock now, if anyone (for error messages). */
export async function lockHolder(path: string): Promise<LockHolder | undefined> {
  const h = await readHolder(path);
  return typeof h === "object" ? h : undefined;
}
