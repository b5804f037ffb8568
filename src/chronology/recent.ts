import type { Db } from '../core/db/database.js';
import { chronologyPaths } from './paths.js';
import { byDay, presentEvent } from './presenters.js';
import { chronologyCounts, chronologyOf } from './queries.js';

/** The latest events for the child's record, with how many there are in all and where the rest are. */
export async function recentChronology(db: Db, childId: string, n = 5) {
  const [events, counts] = await Promise.all([
    chronologyOf(db, childId, { kinds: [], order: 'newest', offset: 0, limit: n }),
    chronologyCounts(db, childId),
  ]);
  return {
    days: byDay(events.map((e) => presentEvent(childId, e, { whole: false }))),
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    href: chronologyPaths.chronology(childId),
  };
}
