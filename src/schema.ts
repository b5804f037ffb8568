// Every table, for Drizzle and drizzle-kit (drizzle.config.ts): core's, then each area's,
// each kept in its own folder's schema.ts. A new area adds its schema here.
export * from './core/auth/schema.js';
export * from './core/audit/schema.js';
export * from './core/db/service-health.js';
export * from './core/db/record-changes.js';
export * from './core/organisation/schema.js';
export * from './core/record/schema.js';
export * from './workforce/schema.js';
export * from './children/schema.js';
export * from './front-door/schema.js';
export * from './assessment/schema.js';
export * from './obligations/schema.js';
export * from './returns/schema.js';
export * from './child-protection/schema.js';
export * from './children-in-need/schema.js';
export * from './case-notes/schema.js';
export * from './dispute-resolution/schema.js';
export * from './looked-after/schema.js';
export * from './private-fostering/schema.js';
export * from './adoption/schema.js';
export * from './missing-episodes/schema.js';
export * from './health-and-education/schema.js';
export * from './allegations/schema.js';
export * from './care-planning/schema.js';
export * from './care-leavers/schema.js';
