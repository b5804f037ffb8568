/**
 * Children in need, as an area of practice: child in need plans (on the plan builder, with
 * child protection), their reviews, closing a case (and step-down to early help) and
 * transition planning for disabled children. Its parts: tables (schema), rules of practice
 * and writes (use-cases), reads (queries), views' parameters (presenters), addresses (paths),
 * pages and API (routes), and the facts it gives the statutory clock (facts).
 */
export * as childrenInNeedTables from './schema.js';
export { childrenInNeedRoutes } from './routes.js';
export { childrenInNeedFacts } from './facts.js';
export { childrenInNeedOf, onlyChildrenInNeed } from './queries.js';
export { recordSection as childrenInNeedSection } from './presenters.js';
export * as childrenInNeedPaths from './paths.js';
