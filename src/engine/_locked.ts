/** withDeployLock: runs an operation holding the service's deploy lock (see `lock/`). */
import { acquireLock } from "../lock/mod.ts";
import { type EngineContext, lockPortsOf } from "./_engine_context.ts";

/** Which deploy a locked operation is. */
export interface LockTarget {
  service: string;
  namespace: string;
  deployId: string;
  /** Dry runs change nothing and take no lock. */
  dryRun?: boolean;
}

/**
 * Checks that memory can record (`MEMORY_IO` otherwise, before anything is applied), then runs
 * `task` holding the deploy lock: the context it gets renews the Lease at each wait (its
 * `sleep`) and after each apply group (`ctx.lock`); the Lease is removed when the task settles.
 * A lock another deploy holds throws `DEPLOY_IN_PROGRESS`.
 */
export async function withDeployLock<T>(
  ctx: EngineContext,
  target: LockTarget,
  task: (ctx: EngineContext) => Promise<T>,
): Promise<T> {
  if (target.dryRun) return await task(ctx);
  // Nothing is applied that memory could not record: a read-only or full store fails first.
  await ctx.memory.checkWritable();
  const ports = lockPortsOf(ctx);
  const lock = await acquireLock(ports, target.service, target.namespace, target.deployId);
  const sleep = async (ms: number) => {
    await lock.renew();
    await ctx.deps.sleep(ms);
  };
  try {
    return await task({ ...ctx, deps: { ...ctx.deps, sleep }, lock });
  } finally {
    await lock.release();
  }
}
