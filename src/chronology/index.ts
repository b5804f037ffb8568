/**
 * The chronology: every dated event on a child's record from every area, in one page, in
 * date order (timed and date-only events placed correctly within a day), filterable by kind,
 * a page at a time or whole to print. It records nothing; it reads every area's tables.
 */
export { chronologyRoutes } from './routes.js';
export { chronologyOf, chronologyKinds, type ChronologyEvent } from './queries.js';
export { presentEvent, byDay } from './presenters.js';
export { recentChronology } from './recent.js';
