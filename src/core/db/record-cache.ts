import type { Db } from './database.js';
import { latestRecordChange } from './record-changes.js';

/**
 * Results computed from the record (a dashboard's figures, a list's children), kept until the
 * record changes or the minute turns, whichever is first: figures that depend on the time
 * (what is overdue now) are never more than a minute behind it, and a change shows at once.
 * Requests that arrive while a result is being computed share that computation.
 *
 * What is the same for every viewer is kept under the scope's key. What depends on the viewer
 * (which of a list's children they may open, the list's table as they see it) is kept only under
 * a key that names them: a change to a restriction, to who is named on one or to an allocation
 * is a write, so it moves the record too.
 */
export class RecordCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 500,
  ) {}

  /**
   * The record as it stands at `at`: the change counter is read once for a page's several results,
   * or given as `seen`, read before anything the page reads from the record (with the request's
   * session, say). Either way a result kept under a value of the counter was computed from the
   * record as it was then or later, never earlier.
   */
  async asOf(at: Date, seen?: string | null): Promise<{ get<T>(key: string, compute: () => Promise<T>): Promise<T> }> {
    const stamp = `${seen ?? (await latestRecordChange(this.db))}|${Math.floor(at.getTime() / 60_000)}`;
    return { get: (key, compute) => this.kept(`${stamp}|${key}`, compute) };
  }

  async get<T>(key: string, at: Date, compute: () => Promise<T>): Promise<T> {
    return (await this.asOf(at)).get(key, compute);
  }

  private kept<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key) as Promise<T> | undefined;
    if (kept) {
      // most recently used last, so the oldest falls out first
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const computing = compute();
    this.entries.set(key, computing);
    computing.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return computing;
  }
}
