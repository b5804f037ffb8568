import { hashPassword } from '../../src/core/auth/passwords.js';
import { users as usersTable, type AccessRole } from '../../src/core/auth/schema.js';
import type { Db } from '../../src/core/db/database.js';
import { teams, workers } from '../../src/core/organisation/schema.js';

export const PASSWORD = 'correct horse battery';

// argon2 is slow by design: hash the test password once per test file, not once per user
let passwordHash: Promise<string> | undefined;

async function addUser(
  db: Db,
  u: { username: string; displayName: string; password: string; role: AccessRole; workerId?: string; teamId?: string },
): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  const [row] = await db
    .insert(usersTable)
    .values({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      workerId: u.workerId ?? null,
      teamId: u.teamId ?? null,
      passwordHash: await passwordHash,
    })
    .returning({ id: usersTable.id });
  return row!.id;
}

/** A small synthetic authority: the front door, two locality teams and one user of each kind. */
export async function smallAuthority(db: Db) {
  const [frontDoor, north, south] = await db
    .insert(teams)
    .values([
      { name: 'Front door', kind: 'front_door' },
      { name: 'North 1', kind: 'locality' },
      { name: 'South 1', kind: 'locality' },
    ])
    .returning({ id: teams.id });
  const [ana, ben, manager, cleo] = await db
    .insert(workers)
    .values([
      { name: 'Ana Fictional', role: 'social_worker', teamId: north!.id },
      { name: 'Ben Madeup', role: 'social_worker', teamId: north!.id, newlyQualified: true },
      { name: 'Mina Manager', role: 'team_manager', teamId: north!.id },
      { name: 'Cleo Otherteam', role: 'social_worker', teamId: south!.id },
    ])
    .returning({ id: workers.id });
  const users = {
    practitioner: await addUser(db, {
      username: 'ana',
      displayName: 'Ana Fictional',
      password: PASSWORD,
      role: 'practitioner',
      workerId: ana!.id,
      teamId: north!.id,
    }),
    manager: await addUser(db, {
      username: 'mina',
      displayName: 'Mina Manager',
      password: PASSWORD,
      role: 'team_manager',
      workerId: manager!.id,
      teamId: north!.id,
    }),
    otherTeam: await addUser(db, {
      username: 'cleo',
      displayName: 'Cleo Otherteam',
      password: PASSWORD,
      role: 'practitioner',
      workerId: cleo!.id,
      teamId: south!.id,
    }),
    serviceManager: await addUser(db, { username: 'sam', displayName: 'Sam Servicemanager', password: PASSWORD, role: 'service_manager' }),
    admin: await addUser(db, { username: 'ada', displayName: 'Ada Admin', password: PASSWORD, role: 'administrator' }),
  };
  return {
    teams: { frontDoor: frontDoor!.id, north: north!.id, south: south!.id },
    workers: { ana: ana!.id, ben: ben!.id, manager: manager!.id, cleo: cleo!.id },
    users,
  };
}
