/**
 * The chronology: every dated event on a child's record from every area, in one page, in
 * date order (timed and date-only events placed correctly within a day), filterable by kind,
 * a page at a time or whole to print. It records nothing; it reads every area's tables, so
 * it sits above them, and gives the child's record its latest events as a section.
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area } from '../core/http/area.js';
import { chronologyPaths as paths } from './paths.js';
import { recentChronology } from './recent.js';
import { chronologyRoutes } from './routes.js';

/** The latest events, after what is due on the record page, with a link to the whole chronology. */
const section: RecordSectionSource = async (db, childId) => ({
  template: 'chronology/views/recent.njk',
  position: 'end',
  view: await recentChronology(db, childId),
});

export const chronologyArea = {
  name: 'chronology',
  routes: [chronologyRoutes],
  paths,
  recordSection: section,
} satisfies Area & { recordSection: RecordSectionSource };
