// Every table, for Drizzle's query builder and migrations. Each area owns its own schema file.
export * from '../auth/schema.js';
export * from '../audit/schema.js';
export * from './service-health.js';
export * from '../../workforce/schema.js';
export * from '../../children/schema.js';
export * from '../../front-door/schema.js';
export * from '../../assessment/schema.js';
export * from '../../obligations/schema.js';
export * from '../../returns/schema.js';
export * from '../../child-protection/schema.js';
export * from '../../children-in-need/schema.js';
export * from '../../case-notes/schema.js';
export * from '../../dispute-resolution/schema.js';
