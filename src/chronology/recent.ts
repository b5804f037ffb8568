import type { Db } from '../core/db/database.js';
import { chronologyPaths } from './paths.js';
import { byDay, presentEvent } from './presenters.js';
import { latestEvents } from './queries.js';

/** The latest events for the child's record, with how many there are in all and where the rest are. */
export async function recentChronology(db: Db, childId: string, n = 5) {
  const { events, total } = await latestEvents(db, childId, n);
  return {
    days: byDay(events.map((e) => presentEvent(childId, e, { whole: false }))),
    total,
    href: chronologyPaths.chronology(childId),
  };
}
