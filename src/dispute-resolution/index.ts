/**
 * Dispute resolution, as an area: a conference chair or reviewing officer raises a concern
 * about a child's plan; it goes stage by stage (team manager, service manager, head of
 * service, director), each with a response due in the working days local policy sets, until
 * it is resolved.
 */
export * as disputeTables from './schema.js';
export { disputeRoutes } from './routes.js';
export { disputeSettings } from './settings.js';
export * as disputePaths from './paths.js';
