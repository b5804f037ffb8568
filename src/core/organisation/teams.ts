import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.js';

/** The authority's active teams, by name: the choices wherever a team is chosen. */
export function listTeams(db: Db) {
  return rows<{ id: string; name: string }>(db, sql`select id, name from teams where active order by name`);
}
