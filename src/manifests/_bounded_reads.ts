// Reading many files a few at a time: the order of the results is the order of the inputs.

/**
 * Runs `task` for each item with at most `limit` running at a time, and settles every one: the
 * results in input order, so the caller can report the first failure in that order.
 */
export async function settleBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: Promise<R>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const item of items) {
    if (running.size >= limit) await Promise.race(running);
    const result = task(item);
    const done: Promise<unknown> = result.then(
      () => running.delete(done),
      () => running.delete(done),
    );
    running.add(done);
    results.push(result);
  }
  return await Promise.allSettled(results);
}
