import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, recordVisit, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { becomeLookedAfter, type BecomeLookedAfter } from '../src/looked-after/use-cases.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const captionOf = (html: string) => /<caption[^>]*>\s*([^<]*?)\s*<\/caption>/.exec(html)?.[1];
const tableOf = (html: string, caption: string) =>
  new RegExp(`<caption[^>]*>\\s*${caption}\\s*</caption>[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
const rowCount = (table: string) => (table.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;

for (const kind of await testDatabases()) {
  describe(`what has been done for a child, on the record and its own page, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let done: number;
    let ana: Agent;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Wren', lastName: 'Recordson', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2014-06-01', disabilities: [] } as NewChild,
        '2025-03-20',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2025-04-01T12:00:00Z') };
      const care = {
        startDate: '2025-04-01',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U1',
        provider: 'PR1',
        providerName: 'Pat and Sam Carer',
        placementPostcode: 'M60 2LA',
        homePostcode: 'M13 9PL',
        intendedToAge18: false,
        visitRegime: 'standard',
      } as BecomeLookedAfter;
      await database.db.transaction((tx) => becomeLookedAfter(tx, childId, care, by));
      // a visit every three weeks for a year: each meets the looked after visit then owed
      for (let day = new Date('2025-04-03'); day < new Date('2026-04-01'); day.setUTCDate(day.getUTCDate() + 21))
        await recordVisit(
          database.db,
          childId,
          { visitDate: day.toISOString().slice(0, 10), purpose: 'looked_after', childSeen: true, seenAlone: true, notes: undefined },
          { userId: authority.users.practitioner, workerId: authority.workers.ana },
        );
      done = (
        await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from obligations where child_id = ${childId} and done_at is not null`,
        )
      )[0]!.n;
      // restricted to Ana: anyone else is refused, the done page as the record
      await database.db.execute(sql`update children set restricted = true where id = ${childId}`);
      await database.db.execute(
        sql`insert into restricted_record_access (child_id, user_id) values (${childId}, ${authority.users.practitioner})`,
      );
      service = await startService(database, new TestClock('2026-04-02T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows the latest ten on the record, and links to all of them', async () => {
      // more than the record shows, or this test proves nothing
      expect(done).toBeGreaterThan(10);
      const record = await ana.get(`/children/${childId}`);
      expect(record.status).toBe(200);
      expect(rowCount(tableOf(record.text, 'Done'))).toBe(10);
      expect(record.text).toContain(
        `The latest 10 of ${done}: <a class="govuk-link" href="/children/${childId}/done">all ${done} done</a>.`,
      );
    });

    it('lists every one on the done page, most recent first, a hundred a page', async () => {
      const page = await ana.get(`/children/${childId}/done`);
      expect(page.status).toBe(200);
      expect(captionOf(page.text)).toBe(`${done} done`);
      const table = tableOf(page.text, `${done} done`);
      expect(rowCount(table)).toBe(done);
      const dues = [...table.matchAll(/<td class="govuk-table__cell">(\d{1,2} \w+ \d{4})<\/td>/g)].map((m) => Date.parse(m[1]!));
      expect(dues.length).toBe(done);
      expect(dues.some((d, i) => i > 0 && d > dues[i - 1]!)).toBe(false);
    });

    it('refuses a user who may not open the child', async () => {
      const other = new Agent(service.url);
      await other.signIn('cleo', PASSWORD);
      const page = await other.get(`/children/${childId}/done`);
      expect(page.status).toBe(403);
    });
  });
}
