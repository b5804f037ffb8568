import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NEW_PASSWORD = 'a brand new long password';

for (const kind of await testDatabases()) {
  describe(`an administrator changes, disables and resets users and workers, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      await driftingAssessment(database.db, authority, { firstName: 'Kit', lastName: 'Heldbyana' }, { date: '2026-02-16', time: '09:00' });
      service = await startService(database);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    const user = async (username: string) =>
      (
        await rows<{ id: string; display_name: string; role: string; team_id: string | null; disabled: boolean; version: number }>(
          database.db,
          sql`select id, display_name, role, team_id, disabled, version from users where username = ${username}`,
        )
      )[0]!;
    const audited = (action: string, recordId: string) =>
      rows<{ username: string }>(database.db, sql`select username from audit_events where action = ${action} and record_id = ${recordId}`);

    it('changes a user’s name, role and team, naming a bad field, and refuses a stale save', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      const cleo = await user('cleo');
      const page = await ada.get(`/admin/users/${cleo.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="Cleo Otherteam"');

      const blank = await ada.post(`/admin/users/${cleo.id}`, {
        displayName: ' ',
        role: 'practitioner',
        teamId: authority.teams.south,
        version: String(cleo.version),
      });
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('href="#displayName"');
      expect(blank.text).toContain('Enter full name');

      await ada.get(`/admin/users/${cleo.id}`);
      const saved = await ada.post(`/admin/users/${cleo.id}`, {
        displayName: 'Cleo Movedteam',
        role: 'team_manager',
        teamId: authority.teams.north,
        workerId: authority.workers.cleo,
        version: String(cleo.version),
      });
      expect(saved.status).toBe(303);
      expect(await user('cleo')).toMatchObject({
        display_name: 'Cleo Movedteam',
        role: 'team_manager',
        team_id: authority.teams.north,
        version: cleo.version + 1,
      });
      expect(await audited('CHANGE_USER', cleo.id)).toEqual([{ username: 'ada' }]);

      // a second administrator's page still shows the version before that save
      await ada.get(`/admin/users/${cleo.id}`);
      const stale = await ada.post(`/admin/users/${cleo.id}`, {
        displayName: 'Cleo Stale',
        role: 'practitioner',
        teamId: authority.teams.south,
        version: String(cleo.version),
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this user after you opened this page. Nothing has been saved');
      expect(stale.text).toContain('value="Cleo Movedteam"');
      expect(await user('cleo')).toMatchObject({ display_name: 'Cleo Movedteam', version: cleo.version + 1 });
    });

    it('disables a user, signing them out everywhere, and enables them again', async () => {
      const minaBrowser = new Agent(service.url);
      await minaBrowser.signIn('mina', PASSWORD);
      expect((await minaBrowser.get('/my-team')).status).toBe(200);
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      const mina = await user('mina');
      await ada.get(`/admin/users/${mina.id}`);
      expect((await ada.post(`/admin/users/${mina.id}/disable`, { version: String(mina.version) })).status).toBe(303);
      expect((await user('mina')).disabled).toBe(true);

      const refused = await minaBrowser.get('/my-team');
      expect(refused.status).toBe(302);
      expect((await minaBrowser.get(refused.location!)).text).toContain('You have been signed out because your account was changed');
      const again = new Agent(service.url);
      await again.get('/sign-in');
      expect((await again.post('/sign-in', { username: 'mina', password: PASSWORD })).status).toBe(401);
      expect(await audited('DISABLE_USER', mina.id)).toEqual([{ username: 'ada' }]);

      await ada.get(`/admin/users/${mina.id}`);
      const stale = await ada.post(`/admin/users/${mina.id}/enable`, { version: String(mina.version) });
      expect(stale.status).toBe(409);
      expect((await user('mina')).disabled).toBe(true);
      expect((await ada.post(`/admin/users/${mina.id}/enable`, { version: String(mina.version + 1) })).status).toBe(303);
      await again.signIn('mina', PASSWORD);
      expect((await again.get('/my-team')).status).toBe(200);
    });

    it('resets a password: every session of the user ends and only the new password works', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      const samElsewhere = new Agent(service.url);
      await samElsewhere.signIn('sam', PASSWORD);
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      const before = await user('sam');
      await ada.get(`/admin/users/${before.id}`);
      const short = await ada.post(`/admin/users/${before.id}/password`, { password: 'short', version: String(before.version) });
      expect(short.status).toBe(400);
      expect(short.text).toContain('Password must be at least 12 characters');
      expect(short.text).not.toContain('value="short"');

      await ada.get(`/admin/users/${before.id}`);
      expect(
        (await ada.post(`/admin/users/${before.id}/password`, { password: NEW_PASSWORD, version: String(before.version) })).status,
      ).toBe(303);
      expect((await sam.get('/authority')).status).toBe(302);
      expect((await samElsewhere.get('/authority')).status).toBe(302);
      const old = new Agent(service.url);
      await old.get('/sign-in');
      expect((await old.post('/sign-in', { username: 'sam', password: PASSWORD })).status).toBe(401);
      await old.signIn('sam', NEW_PASSWORD);
      expect((await old.get('/authority')).status).toBe(200);
      expect(await audited('RESET_PASSWORD', before.id)).toEqual([{ username: 'ada' }]);
      const [open] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from sessions where user_id = ${before.id} and ended_at is null`,
      );
      expect(open!.n).toBe(1);
    });

    it('will not let an administrator disable themselves or remove the last administrator', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      const me = await user('ada');
      await ada.get(`/admin/users/${me.id}`);
      const self = await ada.post(`/admin/users/${me.id}/disable`, { version: String(me.version) });
      expect(self.status).toBe(400);
      expect(self.text).toContain('You cannot disable your own account');
      await ada.get(`/admin/users/${me.id}`);
      const demote = await ada.post(`/admin/users/${me.id}`, {
        displayName: 'Ada Admin',
        role: 'service_manager',
        teamId: '',
        workerId: '',
        version: String(me.version),
      });
      expect(demote.status).toBe(400);
      expect(demote.text).toContain('this is the only administrator');
      expect(await user('ada')).toMatchObject({ role: 'administrator', disabled: false, version: me.version });

      // with a second administrator, the first may step down
      await ada.get('/admin/users');
      // "No team" and "Not a worker" post empty values
      const added = await ada.post('/admin/users', {
        username: 'abe',
        displayName: 'Abe Admin',
        role: 'administrator',
        teamId: '',
        workerId: '',
        password: NEW_PASSWORD,
      });
      expect(added.status).toBe(303);
      await ada.get(`/admin/users/${me.id}`);
      expect(
        (await ada.post(`/admin/users/${me.id}`, { displayName: 'Ada Admin', role: 'service_manager', version: String(me.version) }))
          .status,
      ).toBe(303);
      // ada is no longer an administrator, from her next request
      expect((await ada.get('/admin/users')).status).toBe(403);
      const abe = new Agent(service.url);
      await abe.signIn('abe', NEW_PASSWORD);
      const abeRow = await user('abe');
      await abe.get(`/admin/users/${abeRow.id}`);
      const last = await abe.post(`/admin/users/${abeRow.id}`, {
        displayName: 'Abe Admin',
        role: 'practitioner',
        version: String(abeRow.version),
      });
      expect(last.status).toBe(400);
      const adaRow = await user('ada');
      await abe.get(`/admin/users/${adaRow.id}`);
      expect(
        (await abe.post(`/admin/users/${adaRow.id}`, { displayName: 'Ada Admin', role: 'administrator', version: String(adaRow.version) }))
          .status,
      ).toBe(303);
    });

    it('changes a worker, refuses a stale save, and marks them as left only once they hold no children', async () => {
      const ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
      const worker = async (id: string) =>
        (
          await rows<{
            name: string;
            team_id: string;
            newly_qualified: boolean;
            active: boolean;
            version: number;
            social_work_england_number: string | null;
          }>(
            database.db,
            sql`select name, team_id, newly_qualified, active, version, social_work_england_number from workers where id = ${id}`,
          )
        )[0]!;
      const ben = await worker(authority.workers.ben);
      const list = await ada.get('/admin/workforce');
      expect(list.text).toContain(`href="/admin/workforce/workers/${authority.workers.ben}"`);
      await ada.get(`/admin/workforce/workers/${authority.workers.ben}`);
      const form = {
        name: 'Ben Madeup',
        role: 'social_worker',
        teamId: authority.teams.south,
        qualified: 'yes',
        newlyQualified: 'no',
        agency: 'no',
        version: String(ben.version),
      };
      const bad = await ada.post(`/admin/workforce/workers/${authority.workers.ben}`, { ...form, name: '', newlyQualified: '' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('href="#name"');
      expect(bad.text).toContain('Select whether they are newly qualified');
      const badNumber = await ada.post(`/admin/workforce/workers/${authority.workers.ben}`, { ...form, socialWorkEnglandNumber: '12345' });
      expect(badNumber.status).toBe(400);
      expect(badNumber.text).toContain('Social Work England number must be SW followed by digits');
      await ada.get(`/admin/workforce/workers/${authority.workers.ben}`);
      expect(
        (await ada.post(`/admin/workforce/workers/${authority.workers.ben}`, { ...form, socialWorkEnglandNumber: ' SW123456 ' })).status,
      ).toBe(303);
      expect(await worker(authority.workers.ben)).toMatchObject({
        team_id: authority.teams.south,
        newly_qualified: false,
        social_work_england_number: 'SW123456',
        version: ben.version + 1,
      });
      expect((await ada.get(`/admin/workforce/workers/${authority.workers.ben}`)).text).toContain('value="SW123456"');
      expect(await audited('CHANGE_WORKER', authority.workers.ben)).toEqual([{ username: 'ada' }]);

      await ada.get(`/admin/workforce/workers/${authority.workers.ben}`);
      const stale = await ada.post(`/admin/workforce/workers/${authority.workers.ben}`, { ...form, name: 'Ben Stale' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this worker');
      expect((await worker(authority.workers.ben)).name).toBe('Ben Madeup');

      // Ana holds a child: she cannot be marked as left until it is allocated to someone else
      const ana = await worker(authority.workers.ana);
      await ada.get(`/admin/workforce/workers/${authority.workers.ana}`);
      const holding = await ada.post(`/admin/workforce/workers/${authority.workers.ana}/left`, { version: String(ana.version) });
      expect(holding.status).toBe(400);
      expect(holding.text).toContain('Allocate their child to someone else before marking them as left');
      expect((await worker(authority.workers.ana)).active).toBe(true);

      const benNow = await worker(authority.workers.ben);
      await ada.get(`/admin/workforce/workers/${authority.workers.ben}`);
      expect((await ada.post(`/admin/workforce/workers/${authority.workers.ben}/left`, { version: String(benNow.version) })).status).toBe(
        303,
      );
      expect((await worker(authority.workers.ben)).active).toBe(false);
      expect(await audited('WORKER_LEFT', authority.workers.ben)).toEqual([{ username: 'ada' }]);
      expect((await ada.get('/admin/workforce')).text).not.toContain(`/admin/workforce/workers/${authority.workers.ben}"`);

      // a worker who moves team takes their sign-in with them
      const anaUser = await user('ana');
      await ada.get(`/admin/workforce/workers/${authority.workers.ana}`);
      const moved = await ada.post(`/admin/workforce/workers/${authority.workers.ana}`, {
        ...form,
        name: 'Ana Fictional',
        version: String(ana.version),
      });
      expect(moved.status).toBe(303);
      expect(await user('ana')).toMatchObject({ team_id: authority.teams.south, version: anaUser.version + 1 });
    });
  });
}
