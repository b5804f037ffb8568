import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../core/db/database.js';
import { choice, text, uuidField, yesNo } from '../core/http/forms.js';
import { teams, workerRoles, workers } from './schema.js';

export const teamKinds = ['locality', 'front_door', 'looked_after', 'leaving_care', 'disabled_children', 'other'] as const;

export const newTeamSchema = z.object({
  name: text('Team name', { max: 100 }),
  kind: choice('Kind of team', teamKinds),
});

export const newWorkerSchema = z.object({
  name: text('Worker’s name', { max: 200 }),
  role: choice('Role', workerRoles),
  teamId: uuidField('Team'),
  qualified: yesNo('they are a qualified social worker'),
  newlyQualified: yesNo('they are newly qualified'),
  agency: yesNo('they are an agency worker'),
});

export function workforceLists(db: Db) {
  return Promise.all([
    rows<{ id: string; name: string; kind: string; workers: number }>(
      db,
      sql`select t.id, t.name, t.kind, (select count(*)::int from workers w where w.team_id = t.id and w.active) as workers
            from teams t where t.active order by t.name`,
    ),
    rows<{ id: string; name: string; role: string; team: string | null; qualified: boolean; newlyQualified: boolean; agency: boolean }>(
      db,
      sql`select w.id, w.name, w.role, t.name as team, w.qualified, w.newly_qualified as "newlyQualified", w.agency
            from workers w left join teams t on t.id = w.team_id where w.active order by t.name nulls first, w.name limit 500`,
    ),
  ]);
}

export async function teamNameTaken(db: Db, name: string): Promise<boolean> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from teams where lower(name) = ${name.toLowerCase()}`);
  return (row?.n ?? 0) > 0;
}

export async function addTeam(db: Db, input: z.output<typeof newTeamSchema>): Promise<void> {
  await db.insert(teams).values(input);
}

export async function addWorker(db: Db, input: z.output<typeof newWorkerSchema>): Promise<void> {
  await db.insert(workers).values(input);
}
