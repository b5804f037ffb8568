/**
 * Case notes, as an area: typed entries on the child's record (visit, telephone call,
 * management oversight, supervision discussion, multi-agency meeting), each with the date of
 * the event and the date recorded, so late recording is counted against a local setting.
 * They give the clock no facts, only that setting.
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import * as addresses from './paths.js';
import { caseNotesPath } from './paths.js';
import { caseNoteRoutes } from './routes.js';
import { caseNoteSettings } from './settings.js';

/** The record page's "Case notes" button; the notes themselves are on their own page. */
const section: RecordSectionSource = async (_db, childId) => ({
  button: { text: 'Case notes', href: caseNotesPath(childId), classes: 'govuk-button--secondary' },
  view: null,
});

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const caseNotesArea = {
  name: 'caseNotes',
  routes: [caseNoteRoutes],
  paths,
  clock: { settings: caseNoteSettings },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
