/**
 * The independent reviewing officers' caseloads, for managers: each IRO with the number of
 * children looked after today they review, each number linking to those children, a
 * restricted child counted but never named, and the page reachable from My team and the
 * authority's page.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { appointIro, becomeLookedAfter, ceaseLookedAfter } from '../src/looked-after/use-cases.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const PAGE = '/looked-after/iro-caseloads';
const childrenOf = (iro: string) => `${PAGE}/children?iro=${encodeURIComponent(iro)}`;

for (const kind of await testDatabases()) {
  describe(`independent reviewing officers' caseloads, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    const child: Record<string, string> = {};

    const signedIn = async (username: string) => {
      const agent = new Agent(service.url);
      await agent.signIn(username, PASSWORD);
      return agent;
    };

    /** A child looked after from `start`, with an IRO (or none), the period ended on `end` if given. */
    async function lookedAfter(firstName: string, start: string, iros: string[], end?: string) {
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      const id = await createChild(
        database.db,
        { firstName, lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2015-04-01', disabilities: [] } as NewChild,
        '2025-06-02',
        actor,
      );
      const by = { userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date('2026-03-02T10:00:00Z') };
      await database.db.transaction(async (tx) => {
        const periodId = await becomeLookedAfter(
          tx,
          id,
          {
            startDate: start,
            legalStatus: 'C2',
            categoryOfNeed: 'N1',
            placementType: 'U6',
            placementPostcode: 'M14 5AB',
            homePostcode: 'M13 9PL',
            intendedToAge18: false,
            visitRegime: 'standard',
          },
          by,
        );
        let version = 1;
        for (const [i, iroName] of iros.entries()) {
          await appointIro(tx, id, periodId, { appointedDate: `2026-01-${String(10 + i).padStart(2, '0')}`, iroName, version });
          version++;
        }
        if (end) await ceaseLookedAfter(tx, id, periodId, { endDate: end, reasonCeased: 'E4A', version });
      });
      child[firstName] = id;
      return id;
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      await lookedAfter('Ada', '2026-01-05', ['Iris Reviewer']);
      await lookedAfter('Bea', '2026-01-06', ['Iris Reviewer']);
      // a new IRO replaces the first: the child is in the new one's caseload only
      await lookedAfter('Cai', '2026-01-07', ['Omar Officer', 'Iris Reviewer']);
      await lookedAfter('Dee', '2026-01-08', ['Omar Officer']);
      // no longer looked after: in no one's caseload
      await lookedAfter('Eve', '2026-01-02', ['Omar Officer', 'Pat Former'], '2026-02-20');
      // looked after, the IRO not yet recorded
      await lookedAfter('Fay', '2026-02-27', []);
      // restricted to the service manager alone: counted, never named to the team manager
      const restricted = await lookedAfter('Gil', '2026-01-09', ['Iris Reviewer']);
      await database.db.execute(sql`update children set restricted = true where id = ${restricted}`);
      await database.db.execute(
        sql`insert into restricted_record_access (child_id, user_id) values (${restricted}, ${authority.users.serviceManager})`,
      );
      service = await startService(database, new TestClock('2026-03-02T10:00:00Z'));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('lists each IRO with the children looked after today they review, each number linking to them', async () => {
      const mina = await signedIn('mina');
      const page = await mina.get(PAGE);
      expect(page.status).toBe(200);
      const counts = [
        ...page.text.matchAll(
          /<td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="([^"]+)">(\d+)</g,
        ),
      ].map((m) => ({ iro: m[1], href: m[2], n: Number(m[3]) }));
      expect(counts).toEqual([
        { iro: 'Iris Reviewer', href: childrenOf('Iris Reviewer'), n: 4 },
        { iro: 'Omar Officer', href: childrenOf('Omar Officer'), n: 1 },
      ]);
      expect(page.text).not.toContain('Pat Former');
      expect(page.text).toContain('5 children looked after today, reviewed by 2 independent reviewing officers: 3 each on average.');
      expect(page.text).toContain(
        `href="${PAGE}/children?none=1">1 child looked after today with no independent reviewing officer recorded`,
      );
    });

    it('lists an IRO’s children, longest looked after first, a restricted child as a restricted record', async () => {
      const mina = await signedIn('mina');
      const list = await mina.get(childrenOf('Iris Reviewer'));
      expect(list.status).toBe(200);
      expect(list.text).toContain('Children reviewed by Iris Reviewer');
      expect(list.text).toContain('4 children, looked after today');
      const named = [...list.text.matchAll(/href="\/children\/([0-9a-f-]{36})">(\w+) Madeup</g)].map((m) => m[2]);
      expect(named).toEqual(['Ada', 'Bea', 'Cai']);
      expect(list.text).not.toContain('Gil');
      expect(list.text).toContain('Restricted record');
      expect(list.text).not.toContain(`/children/${child.Gil}"`);
      const omar = await mina.get(childrenOf('Omar Officer'));
      expect([...omar.text.matchAll(/href="\/children\/[0-9a-f-]{36}">(\w+) Madeup</g)].map((m) => m[1])).toEqual(['Dee']);
      const none = await mina.get(`${PAGE}/children?none=1`);
      expect([...none.text.matchAll(/href="\/children\/[0-9a-f-]{36}">(\w+) Madeup</g)].map((m) => m[1])).toEqual(['Fay']);
      // the viewing of a list of children is on the audit trail
      const [audit] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where action = 'VIEW_LIST' and user_id = ${authority.users.manager}`,
      );
      expect(audit!.n).toBeGreaterThanOrEqual(3);
    });

    it('names the restricted child to the user named on the record', async () => {
      const sam = await signedIn('sam');
      const list = await sam.get(childrenOf('Iris Reviewer'));
      const named = [...list.text.matchAll(/href="\/children\/([0-9a-f-]{36})">(\w+) Madeup</g)].map((m) => m[2]);
      expect(named).toEqual(['Ada', 'Bea', 'Cai', 'Gil']);
      expect(list.text).not.toContain('Restricted record');
    });

    it('asks for an IRO, and is for managers only', async () => {
      const mina = await signedIn('mina');
      expect((await mina.get(`${PAGE}/children`)).status).toBe(404);
      expect((await mina.get(`${PAGE}/children?iro=%20`)).status).toBe(404);
      const ana = await signedIn('ana');
      expect((await ana.get(PAGE)).status).toBe(403);
      expect((await ana.get(childrenOf('Iris Reviewer'))).status).toBe(403);
    });

    it('is reached from My team and from the authority’s page', async () => {
      const mina = await signedIn('mina');
      expect((await mina.get('/my-team')).text).toContain(`href="${PAGE}"`);
      const sam = await signedIn('sam');
      expect((await sam.get('/authority')).text).toContain(`href="${PAGE}"`);
    });
  });
}
