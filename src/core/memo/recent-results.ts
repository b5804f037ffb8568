/**
 * The latest results of a pure computation, each kept under a key that is its whole input (as
 * JSON): asked again with the same input, the result is not computed again. A child's record
 * validates the child's part of both returns on every view, the same answer until the child's
 * record changes; keyed by what was read, a change is a new key, so nothing kept is ever stale.
 * The oldest result goes when more than `size` are kept.
 */
export class RecentResults<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly size: number) {}

  /** The result for `input`, computed by `compute` unless it is kept. */
  of(input: unknown, compute: () => T): T {
    const key = JSON.stringify(input, plainOnly);
    const found = this.kept.get(key);
    if (found !== undefined) {
      // the latest asked for goes last, so the least recently asked for goes first
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const result = compute();
    this.kept.set(key, result);
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!);
    return result;
  }
}

/** JSON writes a Map or a Set as `{}`, so two different inputs would share a key: refused instead. */
function plainOnly(_key: string, value: unknown): unknown {
  if (value instanceof Map || value instanceof Set)
    throw new TypeError('RecentResults: an input holds a Map or a Set, which JSON does not carry');
  return value;
}
