/**
 * Runs `work` over `items`, at most `limit` at a time: fast on DynamoDB (round trips overlap), gentle
 * on its throttling, and the order of completion does not matter to any caller (each item is its own
 * compare-and-set, or its own office's mail).
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
