/**
 * Child protection, as an area of practice: strategy discussions, section 47 enquiries,
 * conferences, plans and core groups. Its parts: tables (schema), rules of practice and
 * writes (use-cases), reads (queries), views' parameters (presenters), addresses (paths),
 * pages and API (routes), and the facts it gives the statutory clock (facts).
 */
export * as childProtectionTables from './schema.js';
export { childProtectionRoutes } from './routes.js';
export { childProtectionFacts } from './facts.js';
export { childProtectionOf, onlyChildProtection } from './queries.js';
export { recordSection as childProtectionSection } from './presenters.js';
export * as childProtectionPaths from './paths.js';
