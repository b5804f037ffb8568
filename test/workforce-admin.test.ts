import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

for (const kind of await testDatabases()) {
  describe(`an administrator sets up teams, workers and users, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('adds a team and a worker in it, naming what is missing or taken', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      await ada.get('/admin/workforce');
      const taken = await ada.post('/admin/workforce/teams', { name: 'north 1', kind: 'locality' });
      expect(taken.status).toBe(400);
      expect(taken.text).toContain('Team name is already used by another team');
      expect((await ada.post('/admin/workforce/teams', { name: 'East 1', kind: 'locality' })).status).toBe(303);
      const [team] = await rows<{ id: string }>(database.db, sql`select id from teams where name = 'East 1'`);

      await ada.get('/admin/workforce');
      const missing = await ada.post('/admin/workforce/workers', { role: 'social_worker', teamId: team!.id, qualified: 'yes' });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('href="#workerName"');
      expect(missing.text).toContain('Select whether they are newly qualified');
      const added = await ada.post('/admin/workforce/workers', {
        name: 'Eve Eastteam',
        role: 'social_worker',
        teamId: team!.id,
        qualified: 'yes',
        newlyQualified: 'yes',
        agency: 'no',
      });
      expect(added.status).toBe(303);
      const [worker] = await rows<{ newly_qualified: boolean; team_id: string }>(
        database.db,
        sql`select newly_qualified, team_id from workers where name = 'Eve Eastteam'`,
      );
      expect(worker).toEqual({ newly_qualified: true, team_id: team!.id });
    });

    it('adds a user, refusing a short password and a taken username', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      await ada.get('/admin/users');
      const bad = await ada.post('/admin/users', { username: 'ana', displayName: 'Another Ana', role: 'practitioner', password: 'short' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Password must be at least 12 characters');
      expect(bad.text).not.toContain('value="short"');
      await ada.get('/admin/users');
      const taken = await ada.post('/admin/users', {
        username: 'ana',
        displayName: 'Another Ana',
        role: 'practitioner',
        password: 'a long enough password',
      });
      expect(taken.text).toContain('Username is already taken');
      await ada.get('/admin/users');
      const [eve] = await rows<{ id: string; team_id: string }>(
        database.db,
        sql`select id, team_id from workers where name = 'Eve Eastteam'`,
      );
      expect(
        (
          await ada.post('/admin/users', {
            username: 'new.worker',
            displayName: 'Eve Eastteam',
            role: 'practitioner',
            workerId: eve!.id,
            password: 'a long enough password',
          })
        ).status,
      ).toBe(303);
      const [user] = await rows<{ worker_id: string; team_id: string }>(
        database.db,
        sql`select worker_id, team_id from users where username = 'new.worker'`,
      );
      expect(user).toEqual({ worker_id: eve!.id, team_id: eve!.team_id });
      const fresh = new Agent(service.url);
      await fresh.signIn('new.worker', 'a long enough password');
      expect((await fresh.get('/my-work')).status).toBe(200);
    });

    it('keeps administrators out of children’s records and practitioners out of administration', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      expect((await ada.get('/children?name=a')).status).toBe(403);
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect((await ana.get('/admin/workforce')).status).toBe(403);
      expect((await ana.get('/admin/users')).status).toBe(403);
    });
  });
}
