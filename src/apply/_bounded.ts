/** mapBounded: runs `fn` over items with at most `limit` in flight. */

/** Runs `fn` for each item, at most `limit` at a time; resolves when all are done. */
export async function mapBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
