import type { Db } from './database.js';
import { latestRecordChange } from './record-changes.js';

/**
 * Results computed from the record (a dashboard's figures, a list's children), kept until the
 * record changes or the minute turns, whichever is first: figures that depend on the time
 * (what is overdue now) are never more than a minute behind it, and a change shows at once.
 * Requests that arrive while a result is being computed share that computation.
 *
 * Only what is the same for every viewer is kept: whether a viewer may open each child is
 * decided afterwards, per request.
 */
export class RecordCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 500,
  ) {}

  async get<T>(key: string, at: Date, compute: () => Promise<T>): Promise<T> {
    const change = await latestRecordChange(this.db);
    const minute = Math.floor(at.getTime() / 60_000);
    const full = `${change}|${minute}|${key}`;
    const kept = this.entries.get(full) as Promise<T> | undefined;
    if (kept) {
      // most recently used last, so the oldest falls out first
      this.entries.delete(full);
      this.entries.set(full, kept);
      return kept;
    }
    const computing = compute();
    this.entries.set(full, computing);
    computing.catch(() => this.entries.delete(full));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return computing;
  }
}
