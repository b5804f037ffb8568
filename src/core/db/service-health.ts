import { integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row that /health writes, so "healthy" means the database accepts a committed write
 * (a full disk or a read-only database does not), not only that it answers.
 */
export const serviceHealth = pgTable('service_health', {
  id: integer('id').primaryKey(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
