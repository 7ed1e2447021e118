/**
 * Collects the keys asked for while one GraphQL response is resolved (the `events` of every order
 * on a list page) and loads them with one call. Nothing is cached past the batch, so a loader kept
 * for a long-lived subscription still reads fresh data each time.
 */
export class BatchLoader<K, V> {
  private pending: { keys: Set<K>; result: Promise<Map<K, V>> } | null = null;

  constructor(
    private readonly loadMany: (keys: readonly K[]) => Promise<Map<K, V>>,
    private readonly missing: () => V,
  ) {}

  load(key: K): Promise<V> {
    if (!this.pending) {
      const keys = new Set<K>();
      // setImmediate runs after every resolver of this pass has queued its key, whatever awaits they took.
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending = null;
        return this.loadMany([...keys]);
      });
      this.pending = { keys, result };
    }
    this.pending.keys.add(key);
    return this.pending.result.then((values) => values.get(key) ?? this.missing());
  }
}

/** One loader per GraphQL context (that is, per request or subscription), made on first use. */
export function loaderPerContext<K, V>(create: () => BatchLoader<K, V>): (context: object) => BatchLoader<K, V> {
  const loaders = new WeakMap<object, BatchLoader<K, V>>();
  return (context) => {
    let loader = loaders.get(context);
    if (!loader) loaders.set(context, (loader = create()));
    return loader;
  };
}
