/**
 * Secrets (the link key) read from Secrets Manager once per time to live, not once per cold start: a
 * rotated key takes effect within minutes in every warm function. A fetch that
 * fails is not cached: the next call asks again.
 */
export const SECRET_TTL_MS = 5 * 60 * 1000;

export function cachedSecrets(read: (id: string) => Promise<string>, options: { ttlMs?: number; now?: () => number } = {}): (id: string) => Promise<string> {
  const ttl = options.ttlMs ?? SECRET_TTL_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: Promise<string>; at: number }>();
  return (id) => {
    const cached = cache.get(id);
    if (cached && now() - cached.at < ttl) return cached.value;
    const entry = { value: read(id), at: now() };
    cache.set(id, entry);
    // Only this entry is dropped: a newer fetch that started meanwhile stays.
    entry.value.catch(() => {
      if (cache.get(id) === entry) cache.delete(id);
    });
    return entry.value;
  };
}
