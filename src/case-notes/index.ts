/**
 * Case notes, as an area: typed entries on the child's record (visit, telephone call,
 * management oversight, supervision discussion, multi-agency meeting), each with the date of
 * the event and the date recorded, so late recording is counted against a local setting.
 */
export * as caseNoteTables from './schema.js';
export { caseNoteRoutes } from './routes.js';
export { caseNoteSettings } from './settings.js';
export * as caseNotePaths from './paths.js';
