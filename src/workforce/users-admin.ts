import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { accessRoles } from '../core/auth/schema.js';
import { rows, type Db } from '../core/db/database.js';
import { choice, text, uuidField } from '../core/http/forms.js';

/** One schema for adding a user, shared by the admin page and `opencsc users add`. */
export const newUserSchema = z.object({
  // an email address or a Microsoft user principal name is allowed: single sign-on may match users by it
  username: text('Username', { max: 100 }).refine((v) => /^[a-z0-9][a-z0-9._@-]*$/i.test(v), {
    message: 'Username must be letters, numbers, dots, dashes, underscores or @',
  }),
  displayName: text('Full name', { max: 200 }),
  role: choice('Role', accessRoles),
  teamId: uuidField('Team').optional(),
  /** The worker record this sign-in belongs to: what "allocated to me" means. */
  workerId: uuidField('Worker record').optional(),
  password: text('Password', { max: 200 }).refine((v) => v.length >= 12, { message: 'Password must be at least 12 characters' }),
});
export type NewUserInput = z.output<typeof newUserSchema>;

export function listUsers(db: Db) {
  return rows<{ id: string; username: string; displayName: string; role: string; teamName: string | null; demo: boolean; disabled: boolean }>(
    db,
    sql`select u.id, u.username, u.display_name as "displayName", u.role, t.name as "teamName", u.demo, u.disabled
          from users u left join teams t on t.id = u.team_id order by u.username`,
  );
}

export function listWorkers(db: Db) {
  return rows<{ id: string; name: string; teamId: string | null; teamName: string | null }>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName" from workers w left join teams t on t.id = w.team_id
         where w.active and not exists (select 1 from users u where u.worker_id = w.id) order by w.name`,
  );
}

export function listTeams(db: Db) {
  return rows<{ id: string; name: string }>(db, sql`select id, name from teams where active order by name`);
}
