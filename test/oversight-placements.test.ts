/**
 * Where children looked after are placed, on My team and the authority's page: children
 * placed more than 20 miles from home (measured with the configured postcode directory, and
 * said to be not computed without one) and children with three or more placements in the
 * last 12 months, each number linking to the children behind it, a restricted child counted
 * but never named; and, on the child's record and period of care, the current placement's
 * distance from home and whether it is inside the authority (for a county, by the placement
 * postcode's county, and not known where the directory gives the district alone).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { becomeLookedAfter, ceaseLookedAfter, movePlacement } from '../src/looked-after/use-cases.js';
import { allocate } from '../src/workforce/use-cases.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England: the 12 months are from 3 March 2025
const NOW = '2026-03-02T10:00:00Z';

/** Made-up grid references: the two Manchester postcodes about 1.4 miles apart, Leeds about 36 miles from home. */
const DIRECTORY = [
  'postcode,la_code,easting,northing',
  'M13 9PL,E08000003,385000,396000',
  'M14 5AB,E08000003,384000,394000',
  'M20 2RN,E08000003,385000,391000',
  'LS1 4AP,E08000035,430000,433000',
].join('\n');

/** The same places as the ONS Postcode Directory might give them in a made-up county: M20 2RN's county blank. */
const COUNTY_DIRECTORY = [
  'pcd,pcds,oslaua,oscty,oseast1m,osnrth1m',
  'M13 9PL,M13 9PL,E07000008,E10000003,385000,396000',
  'M14 5AB,M14 5AB,E07000008,E10000003,384000,394000',
  'M20 2RN,M20 2RN,E07000009,,385000,391000',
  'LS1 4AP,LS1 4AP,E08000035,E99999999,430000,433000',
].join('\n');

/** The short format with districts: no county for any of them. */
const DISTRICT_DIRECTORY = [
  'postcode,la_code,easting,northing',
  'M13 9PL,E07000008,385000,396000',
  'M14 5AB,E07000008,384000,394000',
  'M20 2RN,E07000009,385000,391000',
  'LS1 4AP,E08000035,430000,433000',
].join('\n');

const figureFor = (html: string, list: string) =>
  new RegExp(`href="[^"]*/lists/${list}(?:\\?[^"]*)?"[^>]*>(\\d+)<`).exec(html.replaceAll('&amp;', '&'))?.[1];

for (const kind of await testDatabases()) {
  describe(`where children looked after are placed, on the dashboards, on ${kind.name}`, () => {
    let database: Database;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let folder: string;
    const services: RunningService[] = [];
    const child: Record<string, string> = {};

    const serviceWith = async (env: Record<string, string>) => {
      const service = await startService(database, new TestClock(NOW), { env });
      services.push(service);
      return service;
    };
    const signedIn = async (service: RunningService, username: string) => {
      const agent = new Agent(service.url);
      await agent.signIn(username, PASSWORD);
      return agent;
    };

    type Placement = { on: string; postcode: string | null };
    /** A child looked after from the first placement's day, moving on each later one's, in North 1 unless said. */
    async function lookedAfter(name: string, placements: Placement[], opts: { team?: 'north' | 'south'; endedOn?: string } = {}) {
      const team = opts.team === 'south' ? authority.teams.south : authority.teams.north;
      const worker = opts.team === 'south' ? authority.workers.cleo : authority.workers.ana;
      const actor = { userId: authority.users.manager, teamId: team };
      const id = await createChild(
        database.db,
        { firstName: name, lastName: 'Placedchild', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2014-04-01', disabilities: [] } as NewChild,
        '2023-06-02',
        actor,
      );
      await allocate(database.db, id, { teamId: team, workerId: worker }, { userId: authority.users.manager });
      const by = { userId: authority.users.practitioner, workerId: worker, now: new Date(NOW) };
      const where = (p: Placement) => ({
        placementType: 'U4',
        ...(p.postcode ? { placementPostcode: p.postcode } : {}),
        homePostcode: 'M13 9PL',
        intendedToAge18: false,
        visitRegime: 'standard',
      });
      await database.db.transaction(async (tx) => {
        const [first, ...moves] = placements;
        const periodId = await becomeLookedAfter(
          tx,
          id,
          { startDate: first!.on, legalStatus: 'C2', categoryOfNeed: 'N1', ...where(first!) } as Parameters<typeof becomeLookedAfter>[2],
          by,
        );
        let version = 1;
        for (const move of moves) {
          await movePlacement(
            tx,
            id,
            periodId,
            { moveDate: move.on, reasonForChange: 'CARPL', sameCarers: false, ...where(move), version } as Parameters<
              typeof movePlacement
            >[3],
            by,
          );
          version++;
        }
        if (opts.endedOn) await ceaseLookedAfter(tx, id, periodId, { endDate: opts.endedOn, reasonCeased: 'E4A', version });
      });
      child[name] = id;
      return id;
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      folder = await mkdtemp(join(tmpdir(), 'opencsc-postcodes-'));
      await writeFile(join(folder, 'postcodes.csv'), DIRECTORY);
      await writeFile(join(folder, 'counties.csv'), COUNTY_DIRECTORY);
      await writeFile(join(folder, 'districts.csv'), DISTRICT_DIRECTORY);
      await writeFile(join(folder, 'broken.csv'), 'postcode,la_code\nM13 9PL,E08000003\n');
      // near home, one placement
      await lookedAfter('Ada', [{ on: '2025-11-03', postcode: 'M14 5AB' }]);
      // in Leeds, about 36 miles from home
      await lookedAfter('Ben', [{ on: '2025-10-06', postcode: 'LS1 4AP' }]);
      // three placements in the 12 months, the last near home
      await lookedAfter('Cat', [
        { on: '2025-06-02', postcode: 'M14 5AB' },
        { on: '2025-09-01', postcode: 'M20 2RN' },
        { on: '2026-01-05', postcode: 'M14 5AB' },
      ]);
      // three placements, but the first ended before the 12 months began: two in them
      await lookedAfter('Dan', [
        { on: '2024-01-08', postcode: 'M14 5AB' },
        { on: '2024-06-03', postcode: 'M20 2RN' },
        { on: '2025-05-06', postcode: 'M14 5AB' },
      ]);
      // restricted to the service manager: far away, and a third placement; counted, never named to the team
      await lookedAfter('Eve', [
        { on: '2025-04-07', postcode: 'M14 5AB' },
        { on: '2025-08-04', postcode: 'M20 2RN' },
        { on: '2026-02-02', postcode: 'LS1 4AP' },
      ]);
      await database.db.execute(sql`update children set restricted = true where id = ${child.Eve}`);
      await database.db.execute(
        sql`insert into restricted_record_access (child_id, user_id) values (${child.Eve}, ${authority.users.serviceManager})`,
      );
      // the placement's postcode not recorded: distance not known
      await lookedAfter('Fay', [{ on: '2026-01-12', postcode: null }]);
      // South 1's, in Leeds: not North 1's
      await lookedAfter('Gus', [{ on: '2025-12-01', postcode: 'LS1 4AP' }], { team: 'south' });
      // in Leeds, but no longer looked after
      await lookedAfter('Hal', [{ on: '2025-07-07', postcode: 'LS1 4AP' }], { endedOn: '2026-02-16' });
      // near home, about 3.1 miles: in the county directory, a district with no county given
      await lookedAfter('Ivy', [{ on: '2025-12-08', postcode: 'M20 2RN' }]);
    });
    afterAll(async () => {
      for (const s of services) await s.close();
      await database?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('counts on My team the children placed over 20 miles from home, and with three or more placements, scoped to the team', async () => {
      const service = await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv') });
      const mina = await signedIn(service, 'mina');
      const page = (await mina.get('/my-team')).text;
      expect(page).toContain('Children looked after: where they are placed');
      // Ben and Eve (Gus is South 1's; Hal no longer looked after)
      expect(figureFor(page, 'la-placed-far')).toBe('2');
      expect(figureFor(page, 'la-distance-not-known')).toBe('1');
      // Cat and Eve (Dan's first placement ended before the 12 months)
      expect(figureFor(page, 'la-three-placements')).toBe('2');

      const far = await mina.get('/my-team/lists/la-placed-far');
      expect(far.status).toBe(200);
      expect(far.text).toContain('2 children');
      expect(far.text).toContain('Ben Placedchild');
      expect(far.text).toContain('36.2');
      expect(far.text).toContain('Restricted record');
      for (const hidden of ['Eve Placedchild', 'Gus Placedchild', 'Hal Placedchild', 'Ada Placedchild'])
        expect(far.text).not.toContain(hidden);

      const unknown = (await mina.get('/my-team/lists/la-distance-not-known')).text;
      expect(unknown).toContain('1 child');
      expect(unknown).toContain('Fay Placedchild');
      expect(unknown).toContain('Placement postcode not recorded');

      const many = (await mina.get('/my-team/lists/la-three-placements')).text;
      expect(many).toContain('2 children');
      expect(many).toContain('Cat Placedchild');
      expect(many).toContain('Restricted record');
      expect(many).not.toContain('Dan Placedchild');
      expect(many).not.toContain('Eve Placedchild');
      expect(many).toContain('from 3 March 2025 to today');
    });

    it('names the restricted child to the service manager, on the authority’s page, with every team’s children', async () => {
      const service = await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv') });
      const sam = await signedIn(service, 'sam');
      const page = (await sam.get('/authority')).text;
      // Ben, Eve and Gus
      expect(figureFor(page, 'la-placed-far')).toBe('3');
      expect(figureFor(page, 'la-three-placements')).toBe('2');
      const far = (await sam.get('/authority/lists/la-placed-far')).text;
      expect(far).toContain('3 children');
      expect(far).toContain('Eve Placedchild');
      expect(far).toContain('Gus Placedchild');
      expect(far).not.toContain('Restricted record');
    });

    it('counts the children placed outside the authority, by the placement postcode’s authority, with their list', async () => {
      const service = await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv'), AUTHORITY_CODE: 'E08000003' });
      const sam = await signedIn(service, 'sam');
      // Ben, Eve and Gus, in Leeds (Fay's placement postcode is not recorded: not counted)
      expect(figureFor((await sam.get('/authority')).text, 'la-placed-outside')).toBe('3');
      const list = (await sam.get('/authority/lists/la-placed-outside')).text;
      expect(list).toContain('3 children');
      for (const name of ['Ben', 'Eve', 'Gus']) expect(list).toContain(`${name} Placedchild`);
      for (const name of ['Ada', 'Cat', 'Fay', 'Hal']) expect(list).not.toContain(`${name} Placedchild`);
      const mina = await signedIn(service, 'mina');
      expect(figureFor((await mina.get('/my-team')).text, 'la-placed-outside')).toBe('2');
      // without the authority's code: why, and no number
      const noCode = await signedIn(await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv') }), 'sam');
      const page = (await noCode.get('/authority')).text;
      expect(figureFor(page, 'la-placed-outside')).toBeUndefined();
      expect(page).toContain('the authority’s ONS code is not configured (AUTHORITY_CODE)');
    });

    /** A summary list row's value, its tags and spaces removed. */
    const valueOf = (html: string, key: string) =>
      new RegExp(`<dt class="govuk-summary-list__key">\\s*${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">([\\s\\S]*?)</dd>`)
        .exec(html)?.[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();

    it('shows on the child’s record and the period of care how far the placement is from home, and whether inside the authority', async () => {
      const service = await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv'), AUTHORITY_CODE: 'E08000003' });
      const mina = await signedIn(service, 'mina');
      for (const [name, distance, authorityText] of [
        ['Ben', '36.2 miles', 'Outside the authority'],
        ['Ada', '1.4 miles', 'Inside the authority'],
        ['Fay', 'Not known: the placement postcode is not recorded', 'Not known: the placement postcode is not recorded'],
      ] as const) {
        const record = (await mina.get(`/children/${child[name]}`)).text;
        expect(valueOf(record, 'Distance from home'), name).toBe(distance);
        expect(valueOf(record, 'Inside or outside the authority'), name).toBe(authorityText);
        const periodPath = new RegExp(`/children/${child[name]}/looked-after/periods/[^"/]+`).exec(record)![0];
        const period = (await mina.get(periodPath)).text;
        expect(valueOf(period, 'Distance from home'), name).toBe(distance);
        expect(valueOf(period, 'Inside or outside the authority'), name).toBe(authorityText);
      }
    });

    it('for a county, compares the placement postcode’s county, and counts apart those the directory gives no county for', async () => {
      const service = await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'counties.csv'), AUTHORITY_CODE: 'E10000003' });
      const sam = await signedIn(service, 'sam');
      const page = (await sam.get('/authority')).text;
      // Ben, Eve and Gus, in Leeds (no county); Ivy's district has no county in the directory: not known, not outside
      expect(figureFor(page, 'la-placed-outside')).toBe('3');
      expect(figureFor(page, 'la-outside-not-known')).toBe('1');
      const list = (await sam.get('/authority/lists/la-placed-outside')).text;
      expect(list).toContain('3 children');
      for (const name of ['Ben', 'Eve', 'Gus']) expect(list).toContain(`${name} Placedchild`);
      for (const name of ['Ada', 'Cat', 'Dan', 'Fay', 'Ivy']) expect(list).not.toContain(`${name} Placedchild`);
      const notKnown = (await sam.get('/authority/lists/la-outside-not-known')).text;
      expect(notKnown).toContain('1 child');
      expect(notKnown).toContain('Ivy Placedchild');
      expect(notKnown).not.toContain('Ada Placedchild');
      const mina = await signedIn(service, 'mina');
      const team = (await mina.get('/my-team')).text;
      expect(figureFor(team, 'la-placed-outside')).toBe('2');
      expect(figureFor(team, 'la-outside-not-known')).toBe('1');
      for (const [name, distance, authorityText] of [
        ['Ada', '1.4 miles', 'Inside the authority'],
        ['Ben', '36.2 miles', 'Outside the authority'],
        ['Ivy', '3.1 miles', 'Not known: the postcode directory gives the placement postcode’s district, not its county'],
      ] as const) {
        const record = (await mina.get(`/children/${child[name]}`)).text;
        expect(valueOf(record, 'Distance from home'), name).toBe(distance);
        expect(valueOf(record, 'Inside or outside the authority'), name).toBe(authorityText);
      }

      // the short format giving districts: no placement in a district is known to be inside or outside the county
      const districts = await signedIn(
        await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'districts.csv'), AUTHORITY_CODE: 'E10000003' }),
        'sam',
      );
      const byDistrict = (await districts.get('/authority')).text;
      // Ben, Eve and Gus still outside (Leeds lies in no county); Ada, Cat, Dan and Ivy not known
      expect(figureFor(byDistrict, 'la-placed-outside')).toBe('3');
      expect(figureFor(byDistrict, 'la-outside-not-known')).toBe('4');
      expect(valueOf((await districts.get(`/children/${child.Ada}`)).text, 'Inside or outside the authority')).toBe(
        'Not known: the postcode directory gives the placement postcode’s district, not its county',
      );
      // a unitary authority has no such row
      const unitary = await signedIn(
        await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv'), AUTHORITY_CODE: 'E08000003' }),
        'sam',
      );
      expect(figureFor((await unitary.get('/authority')).text, 'la-outside-not-known')).toBeUndefined();
    });

    it('says on the child’s record that distance and inside or outside are not known, and why, without a directory or code', async () => {
      const noDirectory = await signedIn(await serviceWith({ AUTHORITY_CODE: 'E08000003' }), 'mina');
      const record = (await noDirectory.get(`/children/${child.Ben}`)).text;
      expect(valueOf(record, 'Distance from home')).toMatch(/^Not known: no postcode directory is configured \(POSTCODE_DIRECTORY\)/);
      expect(valueOf(record, 'Inside or outside the authority')).toBe(valueOf(record, 'Distance from home'));
      expect(record).not.toContain('36.2');

      const noCode = await signedIn(await serviceWith({ POSTCODE_DIRECTORY: join(folder, 'postcodes.csv') }), 'mina');
      const coded = (await noCode.get(`/children/${child.Ben}`)).text;
      expect(valueOf(coded, 'Distance from home')).toBe('36.2 miles');
      expect(valueOf(coded, 'Inside or outside the authority')).toBe(
        'Not known: the authority’s ONS code is not configured (AUTHORITY_CODE)',
      );
    });

    it('says distance is not computed, and why, with no postcode directory or one it cannot read, never showing 0', async () => {
      for (const [env, why] of [
        [{}, 'no postcode directory is configured (POSTCODE_DIRECTORY)'],
        [{ POSTCODE_DIRECTORY: join(folder, 'broken.csv') }, 'cannot be used: no easting column'],
        [{ POSTCODE_DIRECTORY: join(folder, 'missing.csv') }, 'cannot be used: the file could not be read'],
      ] as const) {
        const service = await serviceWith(env);
        const mina = await signedIn(service, 'mina');
        const page = (await mina.get('/my-team')).text;
        expect(page, why).toContain(why);
        expect(figureFor(page, 'la-placed-far'), why).toBeUndefined();
        expect(figureFor(page, 'la-distance-not-known'), why).toBeUndefined();
        // the placements are counted all the same: they need no directory
        expect(figureFor(page, 'la-three-placements'), why).toBe('2');
        const list = await mina.get('/my-team/lists/la-placed-far');
        expect(list.status).toBe(200);
        expect(list.text).toContain(why);
        expect(list.text).not.toMatch(/\d+ children?\./);
      }
    });
  });
}
