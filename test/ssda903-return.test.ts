import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rows, runMigrations } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import {
  dentalCheckSchema,
  healthAssessmentSchema,
  healthStatusSchema,
  recordDentalCheck,
  recordHealthAssessment,
  recordHealthStatus,
  recordSdq,
  sdqSchema,
} from '../src/health-and-education/use-cases.js';
import { missingEpisodeSchema, recordMissingEpisode } from '../src/missing-episodes/use-cases.js';
import {
  changePlan,
  decisionSchema,
  planChangeSchema,
  previousPermanenceSchema,
  recordDecision,
  recordPreviousPermanence,
} from '../src/adoption/use-cases.js';
import { recordUascStatus, uascSchema } from '../src/care-planning/use-cases.js';
import { contactSchema, recordContact } from '../src/care-leavers/use-cases.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import {
  type BecomeLookedAfter,
  becomeLookedAfter,
  ceaseLookedAfter,
  deprivationOfLibertySchema,
  recordDeprivationOfLiberty,
} from '../src/looked-after/use-cases.js';
import { syntheticUpn } from '../src/returns/cin/tooling/synthetic.js';
import { read903 } from '../src/returns/ssda903/read.js';
import { TABLE_NAMES } from '../src/returns/ssda903/model.js';
import { validate903 } from '../src/returns/ssda903/validate.js';
import { tableToCsv, write903 } from '../src/returns/ssda903/write.js';
import { socialWorkerId } from '../src/ssda903-return/build.js';
import { returnFromRecord } from '../src/ssda903-return/ssda903.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { recordLookedAfter } from './support/looked-after-record.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';
import { unzip } from './support/unzip.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

type Recorded = Awaited<ReturnType<typeof recordLookedAfter>>;

/**
 * Missing episodes and health and education facts recorded through their areas' use cases:
 * Oak missing and back in July 2025 and away since March 2026; Birch missing in November 2024
 * and, looked after all of 2024/25, assessed, at the dentist, an SDQ and immunised that year;
 * Elm (never looked after) missing too, which no return holds.
 */
async function recordMissingAndHealth(db: Database['db'], ids: Recorded, userId: string) {
  const by = { userId, workerId: null, now: new Date('2026-05-01T12:00:00Z') };
  const today = () => '2026-05-01';
  const missing = (childId: string, input: Record<string, string>) =>
    db.transaction((tx) => recordMissingEpisode(tx, childId, missingEpisodeSchema(today).parse(input), by));
  const episodes = {
    oakJuly: await missing(ids.oak, {
      missingCode: 'M',
      startDate: '2025-07-10',
      startTime: '21:30',
      endDate: '2025-07-11',
      endTime: '08:15',
    }),
    oakMarch: await missing(ids.oak, { missingCode: 'A', startDate: '2026-03-20', startTime: '23:30' }),
    birch: await missing(ids.birch, {
      missingCode: 'M',
      startDate: '2024-11-05',
      startTime: '18:00',
      endDate: '2024-11-06',
      endTime: '10:00',
    }),
  };
  await missing(ids.elm, { missingCode: 'M', startDate: '2025-08-01', startTime: '12:00', endDate: '2025-08-01', endTime: '18:00' });
  await db.transaction(async (tx) => {
    const b = ids.birch;
    await recordHealthAssessment(
      tx,
      b,
      healthAssessmentSchema(today).parse({ checkDate: '2024-10-01', assessmentType: 'review', completedBy: 'Nurse Madeup' }),
      by,
    );
    await recordDentalCheck(tx, b, dentalCheckSchema(today).parse({ checkDate: '2024-12-02' }), by);
    await recordSdq(tx, b, sdqSchema(today).parse({ completedDate: '2025-01-15', score: '12' }), by);
    await recordHealthStatus(
      tx,
      b,
      healthStatusSchema(today).parse({ kind: 'immunisations', asAtDate: '2025-02-01', upToDate: 'yes' }),
      by,
    );
    // Birch came as an unaccompanied asylum-seeking child, and ceased to be one in June 2025
    await recordUascStatus(tx, b, uascSchema(today).parse({ uasc: true, ceasedDate: '2025-06-01' }), by);
  });
  return episodes;
}

/**
 * Sky, a care leaver recorded through the areas' use cases: looked after from 15 until her 18th
 * birthday in February 2024 (seen just before it), so in neither 2024/25's nor 2025/26's
 * episodes; 19 in February 2025 with no contact recorded, and 20 in February 2026, seen in
 * January in touch, in her own tenancy and working part time.
 */
async function recordCareLeaver(db: Database['db'], userId: string, teamId: string) {
  const by = { userId, workerId: null, now: new Date('2026-05-01T12:00:00Z') };
  const sky = await createChild(
    db,
    {
      firstName: 'Sky',
      lastName: 'Leftcare',
      sex: 'F',
      ethnicity: 'WBRI',
      dateOfBirth: '2006-02-14',
      disabilities: [],
      upn: syntheticUpn('352', 13),
    } as NewChild,
    '2021-05-01',
    { userId, teamId },
  );
  const period = await db.transaction((tx) =>
    becomeLookedAfter(
      tx,
      sky,
      {
        startDate: '2021-06-01',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U1',
        provider: 'PR1',
        providerName: 'Pat and Sam Carer',
        placementPostcode: 'M60 2LA',
        homePostcode: 'M13 9PL',
        intendedToAge18: false,
        visitRegime: 'standard',
      } as BecomeLookedAfter,
      by,
    ),
  );
  await db.transaction((tx) => ceaseLookedAfter(tx, sky, period, { endDate: '2024-02-14', reasonCeased: 'E8', version: 1 }));
  const today = () => '2026-05-01';
  const contact = (input: Record<string, string>) => db.transaction((tx) => recordContact(tx, sky, contactSchema(today).parse(input), by));
  // seen by her personal adviser before she left care, around her 18th birthday
  await contact({
    contactOn: '2024-02-01',
    inTouch: 'YES',
    seenByAdviser: 'yes',
    accommodationType: 'Z',
    accommodationSuitable: 'yes',
    activity: 'F2',
  });
  await db.transaction((tx) =>
    recordContact(
      tx,
      sky,
      contactSchema(today).parse({
        contactOn: '2026-01-20',
        inTouch: 'YES',
        seenByAdviser: 'yes',
        accommodationType: 'U',
        accommodationSuitable: 'yes',
        activity: 'P5',
      }),
      by,
    ),
  );
  return sky;
}

for (const kind of await testDatabases()) {
  describe(`the SSDA903 from the record, on ${kind.name}`, () => {
    let database: Database;
    let ids: Recorded;
    let episodes: Awaited<ReturnType<typeof recordMissingAndHealth>>;
    let oakJourney: string;
    let sky: string;
    let service: RunningService;
    let dir: string;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      ids = await recordLookedAfter(database.db, authority);
      episodes = await recordMissingAndHealth(database.db, ids, authority.users.manager);
      // Oak's adoption plan, through the adoption area's use cases
      const by = { userId: authority.users.manager, workerId: null, now: new Date('2026-05-01T12:00:00Z') };
      const today = () => '2026-05-01';
      oakJourney = await database.db.transaction(async (tx) => {
        const id = await recordDecision(
          tx,
          ids.oak,
          decisionSchema(today).parse({ decidedOn: '2025-06-02', siblingsToPlaceWith: '0' }),
          by,
        );
        await changePlan(
          tx,
          ids.oak,
          id,
          planChangeSchema(today).parse({ planChangedOn: '2026-01-12', planChangeReason: 'RD1', version: 1 }),
        );
        // Oak, who came into care in the year, had been adopted before
        await recordPreviousPermanence(
          tx,
          ids.oak,
          previousPermanenceSchema(today).parse({ code: 'P1', arrangedBy: 'Leeds', madeOn: '2015-04-01' }),
          by,
        );
        return id;
      });
      sky = await recordCareLeaver(database.db, authority.users.manager, authority.teams.north);
      // Oak's deprivation of liberty orders, one ending in April 2026 and the next open since
      for (const order of [
        { startDate: '2025-12-01', endDate: '2026-04-10' },
        { startDate: '2026-04-10', endDate: '' },
      ]) {
        await database.db.transaction(async (tx) => {
          const [p] = await rows<{ version: number }>(tx, sql`select version from care_periods where id = ${ids.oakPeriod}`);
          await recordDeprivationOfLiberty(
            tx,
            ids.oak,
            ids.oakPeriod,
            deprivationOfLibertySchema(today).parse({ ...order, version: p!.version }),
            by,
          );
        });
      }
      service = await startService(database, new TestClock('2026-05-01T10:00:00Z'));
      dir = mkdtempSync(join(tmpdir(), 'opencsc-903-'));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('builds the year’s tables from the record, and they read back as they were built', async () => {
      const checked = await returnFromRecord(database.db, 2026, { localAuthority: 'E08000003' });
      const { tables } = checked.current;
      const oak = String(ids.oakReference);
      expect(tables.Header!.rows.map((r) => [r.SEX, r.DOB, r.ETHNIC, r.MOTHER, r.MC_DOB])).toEqual([
        ['F', '03/03/2010', 'WBRI', '1', '01/12/2025'],
        ['M', '07/07/2012', 'MWBC', null, null],
        // Sky, a care leaver not looked after in the year: no motherhood details (rule 628)
        ['F', '14/02/2006', 'WBRI', null, null],
      ]);
      expect(
        tables
          .Episodes!.rows.filter((e) => e.CHILD === oak)
          .map((e) => [e.DECOM, e.RNE, e.LS, e.PLACE, e.DEC, e.REC, e.REASON_PLACE_CHANGE]),
      ).toEqual([
        ['01/05/2025', 'S', 'C1', 'U1', '01/09/2025', 'X1', 'CARPL'],
        ['01/09/2025', 'P', 'C1', 'U4', '01/11/2025', 'X1', null],
        ['01/11/2025', 'L', 'C2', 'U4', null, null, null],
      ]);
      expect(tables.Episodes!.rows.filter((e) => e.CHILD !== oak).map((e) => [e.DECOM, e.LS, e.DEC, e.REC])).toEqual([
        ['01/02/2024', 'V2', '15/08/2025', 'E13'],
      ]);
      expect(tables.Episodes!.rows[0]).toMatchObject({
        CIN: 'N1',
        PLACE_PROVIDER: 'PR1',
        HOME_POST: 'M13 9PL',
        PL_POST: 'M60 2LA',
        URN: null,
      });
      expect(tables.Reviews!.rows).toEqual([{ CHILD: oak, DOB: '03/03/2010', REVIEW: '10/06/2025', REVIEW_CODE: 'PN1' }]);
      expect(tables.SWEpisodes!.rows.filter((r) => r.CHILD === oak).map((r) => [r.SW_DECOM, r.SW_DEC])).toEqual([
        ['01/05/2025', '01/10/2025'],
        ['01/10/2025', null],
      ]);
      // Oak's two episodes of the year, as the Header names Oak; Birch's was the year before, Elm is not looked after
      expect(tables.Missing!.rows).toEqual([
        { CHILD: oak, DOB: '03/03/2010', MISSING: 'M', MIS_START: '10/07/2025', MIS_END: '11/07/2025' },
        { CHILD: oak, DOB: '03/03/2010', MISSING: 'A', MIS_START: '20/03/2026', MIS_END: null },
      ]);
      expect(checked.current.sources.Missing!.map((s) => s.missingEpisodeId)).toEqual([episodes.oakJuly, episodes.oakMarch]);
      // nobody looked after all of 2025/26: Oak came in May 2025, Birch left in August
      expect(tables.OC2!.rows).toEqual([]);
      // Birch ceased to be an unaccompanied asylum-seeking child in the year
      const birchNow = tables.Header!.rows.find((r) => r.SEX === 'M')!.CHILD;
      expect(tables.UASC!.rows).toEqual([{ CHILD: birchNow, DOB: '07/07/2012', SEX: 'M', DUC: '01/06/2025' }]);
      // Oak's adoption plan, decided in June and reversed in January: a PlacedAdoption row; nobody adopted, no AD1 row
      expect(tables.PlacedAdoption!.rows).toEqual([
        { CHILD: oak, DOB: '03/03/2010', DATE_PLACED: '02/06/2025', DATE_PLACED_CEASED: '12/01/2026', REASON_PLACED_CEASED: 'RD1' },
      ]);
      expect(checked.current.sources.PlacedAdoption).toEqual([{ childId: ids.oak, adoptionJourneyId: oakJourney }]);
      expect(tables.AD1!.rows).toEqual([]);
      expect(tables.PrevPerm!.rows).toEqual([
        { CHILD: oak, DOB: '03/03/2010', PREV_PERM: 'P1', LA_PERM: 'Leeds', DATE_PERM: '01/04/2015' },
      ]);
      // Sky, a care leaver, is in the Header for her OC3 row alone: 20 in February, seen in January
      const skyNow = tables.Header!.rows[2]!.CHILD;
      expect(tables.Episodes!.rows.map((r) => r.CHILD)).not.toContain(skyNow);
      expect(tables.OC3!.rows).toEqual([{ CHILD: skyNow, DOB: '14/02/2006', IN_TOUCH: 'YES', ACTIV: 'P5', ACCOM: 'U1' }]);
      expect(checked.current.sources.OC3).toEqual([{ childId: sky }]);
      // every table of 2025/26 is built from the record
      expect(checked.current.notBuilt).toEqual([]);
      expect(checked.columnProblems).toEqual([]);
      // the year before: Birch (Hazel's care ended in 2023/24), and Sky at 19 with no contact recorded: not known, so blank
      const previous = checked.previous.tables;
      expect(previous.Header!.rows.map((r) => r.UPN)).toEqual([syntheticUpn('352', 12), syntheticUpn('352', 13)]);
      expect(previous.OC3!.rows).toEqual([{ CHILD: skyNow, DOB: '14/02/2006', IN_TOUCH: null, ACTIV: null, ACCOM: null }]);
      const birch = previous.Header!.rows[0]!.CHILD;
      expect(previous.Missing!.rows).toEqual([
        { CHILD: birch, DOB: '07/07/2012', MISSING: 'M', MIS_START: '05/11/2024', MIS_END: '06/11/2024' },
      ]);
      // Birch was looked after all of 2024/25: the OC2 row of what was recorded that year
      expect(previous.OC2!.rows).toEqual([
        {
          CHILD: birch,
          DOB: '07/07/2012',
          SDQ_SCORE: '12',
          SDQ_REASON: null,
          CONVICTED: '0',
          HEALTH_CHECK: null,
          IMMUNISATIONS: '1',
          TEETH_CHECK: '1',
          HEALTH_ASSESSMENT: '1',
          SUBSTANCE_MISUSE: '0',
          INTERVENTION_RECEIVED: null,
          INTERVENTION_OFFERED: null,
        },
      ]);
      expect(checked.previous.sources.OC2).toEqual([{ childId: ids.birch, periodId: expect.any(String) }]);
      expect(checked.previous.notBuilt).not.toContain('OC2');
      // and was one all through the year before: no DUC in that year's return
      expect(previous.UASC!.rows).toEqual([{ CHILD: birch, DOB: '07/07/2012', SEX: 'M', DUC: null }]);

      // the round trip: written as DfE's files, read back with the reader, as built; validated alike
      await write903(tables, join(dir, 'current'));
      await write903(checked.previous.tables, join(dir, 'previous'));
      const read = await read903({
        current: [join(dir, 'current')],
        previous: [join(dir, 'previous')],
        reference: { localAuthority: 'E08000003' },
      });
      expect(read.collectionYear).toBe(2026);
      for (const name of TABLE_NAMES) {
        expect(read.current[name]?.rows, name).toEqual(tables[name]?.rows);
        expect(read.previous[name]?.rows, `${name} last year`).toEqual(checked.previous.tables[name]?.rows);
      }
      expect(validate903(read)).toEqual(checked.findings);
      expect(checked.findings.length).toBeGreaterThan(0);
    });

    it('builds 2026/27’s DoLo table from the orders on the record, and it reads back as built', async () => {
      const checked = await returnFromRecord(database.db, 2027, { localAuthority: 'E08000003' });
      const oak = String(ids.oakReference);
      expect(checked.current.notBuilt).toEqual([]);
      expect(checked.current.tables.DoLo!.rows).toEqual([
        { CHILD: oak, DOB: '03/03/2010', DOLO_START: '01/12/2025', DOLO_END: '10/04/2026' },
        { CHILD: oak, DOB: '03/03/2010', DOLO_START: '10/04/2026', DOLO_END: null },
      ]);
      expect(checked.current.sources.DoLo).toEqual([
        { childId: ids.oak, periodId: ids.oakPeriod },
        { childId: ids.oak, periodId: ids.oakPeriod },
      ]);
      // 2025/26 has no DoLo table
      expect(checked.previous.tables.DoLo).toBeUndefined();
      // Oak is placed with foster carers (U4), not where DfE expects such an order (rule 709); nothing else about the orders
      const dolo = checked.findings.filter((f) => f.table === 'DoLo');
      expect([...new Set(dolo.map((f) => f.rule))]).toEqual(['709']);
      // (Sky, 21 in 2026/27, has no contact recorded around that birthday: OC3's blanks are the only cells out of the columns)
      expect(checked.columnProblems.filter((p) => !p.startsWith('OC3 '))).toEqual([]);

      await write903(checked.current.tables, join(dir, 'current-2027'));
      await write903(checked.previous.tables, join(dir, 'previous-2027'));
      expect(readFileSync(join(dir, 'current-2027', 'dolo.csv'), 'utf8').split(/\r?\n/)[0]).toBe('CHILD,DOB,DOLO_START,DOLO_END');
      const read = await read903({
        current: [join(dir, 'current-2027')],
        previous: [join(dir, 'previous-2027')],
        // named: the dates in these files alone suggest 2025/26, when every episode here began
        year: 2027,
        reference: { localAuthority: 'E08000003' },
      });
      for (const name of TABLE_NAMES) expect(read.current[name]?.rows, name).toEqual(checked.current.tables[name]?.rows);
      expect(validate903(read)).toEqual(checked.findings);
    });

    it('gives the rules the year before: a child in both years is compared with last year’s open episode', async () => {
      const checked = await returnFromRecord(database.db, 2026);
      const birch = checked.current.tables.Header!.rows.find((r) => r.SEX === 'M')!.CHILD;
      // Birch's first episode this year is last year's open one, so 502 and the 503s find nothing
      expect(checked.findings.filter((f) => f.childId === birch && /^50[23]/.test(f.rule))).toEqual([]);
      expect(checked.previous.tables.Episodes!.rows.find((r) => r.CHILD === birch)).toMatchObject({ DECOM: '01/02/2024', DEC: null });
    });

    it('builds one child’s part alike', async () => {
      const all = await returnFromRecord(database.db, 2026);
      const oak = await returnFromRecord(database.db, 2026, {}, ids.oak);
      expect(oak.current.tables.Header!.rows).toHaveLength(1);
      for (const table of ['Episodes', 'Missing'] as const)
        expect(oak.current.tables[table]!.rows, table).toEqual(
          all.current.tables[table]!.rows.filter((r) => r.CHILD === String(ids.oakReference)),
        );
      const birch = await returnFromRecord(database.db, 2026, {}, ids.birch);
      expect(birch.previous.tables.OC2!.rows).toEqual(all.previous.tables.OC2!.rows);
      expect(birch.previous.tables.Missing!.rows).toEqual(all.previous.tables.Missing!.rows);
      expect(oak.previous.tables.OC2!.rows).toEqual([]);
      expect(oak.current.tables.SWEpisodes!.rows.map((r) => r.SW_ID)).toEqual([
        socialWorkerId(ids.workers.ana),
        socialWorkerId(ids.workers.ben),
      ]);
      expect(oak.findings.filter((f) => f.row !== null)).toEqual(
        all.findings.filter((f) => f.childId === String(ids.oakReference)).map((f) => ({ ...f, row: expect.any(Number) })),
      );
    });

    it('builds, validates and downloads the return on the Returns page, audited', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      expect((await sam.get('/returns/ssda903')).status).toBe(200);
      const refused = await sam.post('/returns/ssda903', { year: '2019', la: 'E08' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Collection year must be one of: 2023, 2024, 2025, 2026, 2027');
      expect(refused.text).toContain('Local authority code must be an ONS code such as E08000003');
      const built = await sam.post('/returns/ssda903', { year: '2026', la: 'E08000003' });
      expect(built.status).toBe(303);
      const page = await sam.get(built.location!);
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        'The 2025/26 SSDA903 of 3 children, built from the record on 2026-05-01 with 2024/25’s for the rules that compare years.',
      );
      expect(page.text).toContain('Every cell is within DfE’s columns for 2025/26.');
      expect(page.text).not.toContain('Not built from the record yet');
      expect(page.text).toMatch(/href="\/returns\/runs\/[0-9a-f-]+\/rules\/SW13STG1"/);

      const download = await fetch(`${service.url}/returns/ssda903/2026/ssda903.zip`, { headers: { cookie: sam.cookie } });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toBe('attachment; filename="ssda903-2026.zip"');
      expect(download.headers.get('content-type')).toBe('application/zip');
      const files = unzip(Buffer.from(await download.arrayBuffer()));
      const expected = await returnFromRecord(database.db, 2026);
      expect(files.get('2026/header.csv')).toBe(tableToCsv(expected.current.tables.Header!));
      expect(files.get('2026/episodes.csv')).toBe(tableToCsv(expected.current.tables.Episodes!));
      expect(files.get('2026/oc3.csv')).toBe(tableToCsv(expected.current.tables.OC3!));
      expect(files.get('2026/oc3.csv')!.split('\r\n')).toHaveLength(3);
      expect(files.get('2025/header.csv')).toBe(tableToCsv(expected.previous.tables.Header!));
      expect(files.get('2026/missing.csv')).toBe(tableToCsv(expected.current.tables.Missing!));
      expect(files.get('2025/oc2.csv')).toBe(tableToCsv(expected.previous.tables.OC2!));
      expect(files.get('2025/oc2.csv')!.split('\r\n')).toHaveLength(3);
      expect([...files.keys()].filter((f) => f.startsWith('2026/'))).toHaveLength(11);
      expect((await sam.get('/returns/ssda903/2031/ssda903.zip')).status).toBe(404);

      const audited = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where action in ('BUILD_SSDA903', 'DOWNLOAD_SSDA903') order by id`,
      );
      expect(audited.map((a) => a.action)).toEqual(['BUILD_SSDA903', 'DOWNLOAD_SSDA903']);
      // a practitioner may not
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect((await ana.get('/returns/ssda903')).status).toBe(403);
      expect((await ana.get('/returns/ssda903/2026/ssda903.zip')).status).toBe(403);
    });

    it('shows on a child’s record the return’s findings about the child, linked to where they are put right', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const oak = await ana.get(`/children/${ids.oak}`);
      expect(oak.status).toBe(200);
      expect(oak.text).toContain('The 2026/27 return, built from this record today, breaks');
      // the record keeps no reason a social worker changed
      expect(oak.text).toMatch(new RegExp(`data-ssda903-rule="SW13STG1">[\\s\\S]*?href="/children/${ids.oak}/allocation"`));
      // looked after all of 2026/27 and turning 17 in it, with no SDQ recorded: the OC2 row asks for one
      expect(oak.text).toMatch(
        new RegExp(
          `data-ssda903-rule="197B">[^<]*<strong>[^<]*</strong>[^<]*<span[^>]*>[^<]*</span>\\. <a[^>]*href="/children/${ids.oak}/health-and-education/sdq/new"`,
        ),
      );
      // every table of 2026/27 is built: Oak's orders are in its DoLo table, and the placement rule 709 queries links to the period
      expect(oak.text).not.toContain('Not built from the record yet');
      expect(oak.text).toMatch(
        new RegExp(`data-ssda903-rule="709">[\\s\\S]*?href="/children/${ids.oak}/looked-after/periods/${ids.oakPeriod}"`),
      );
      // not looked after in 2026/27: no section
      const birch = await ana.get(`/children/${ids.birch}`);
      expect(birch.status).toBe(200);
      expect(birch.text).not.toContain('ssda903-heading');
      expect((await ana.get(`/children/${ids.elm}`)).text).not.toContain('ssda903-heading');
    });

    it('shows the findings of the record as it is now: an SDQ recorded since the last view answers 197B', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect((await ana.get(`/children/${ids.oak}`)).text).toContain('data-ssda903-rule="197B"');
      await ana.get(`/children/${ids.oak}/health-and-education/sdq/new`);
      const saved = await ana.post(`/children/${ids.oak}/health-and-education/sdq/new`, {
        'completedDate-day': '20',
        'completedDate-month': '4',
        'completedDate-year': '2026',
        score: '12',
      });
      expect(saved.status).toBe(303);
      const after = await ana.get(`/children/${ids.oak}`);
      expect(after.text).not.toContain('data-ssda903-rule="197B"');
      expect(after.text).toContain('data-ssda903-rule="SW13STG1"');
    });
  });
}

describe('opencsc returns build 903', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opencsc-903-cli-'));
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    await runMigrations(database);
    const authority = await smallAuthority(database.db);
    await recordMissingAndHealth(database.db, await recordLookedAfter(database.db, authority), authority.users.manager);
    await recordCareLeaver(database.db, authority.users.manager, authority.teams.north);
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = { AUTHORITY_CODE: '' }) =>
    spawnSync(process.execPath, [join(repo, 'bin/opencsc.js'), 'returns', 'build', '903', ...args], {
      cwd: dir,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NODE_ENV: 'development', ...env },
      encoding: 'utf8',
    });

  it('writes the year’s CSV files and the year before’s, and prints the findings by rule and what is not built', async () => {
    const out = join(dir, '2026');
    const previous = join(dir, '2025');
    const result = run(['--year', '2026', '--out', out, '--previous-out', previous, '--la', 'E08000003']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Wrote the 2025/26 SSDA903 of 3 children to ${out} (11 files)`);
    expect(result.stdout).toContain(`Wrote the 2024/25 SSDA903 of 2 children to ${previous} (11 files)`);
    expect(result.stdout).not.toContain('not built from the record yet');
    expect(result.stdout).toContain("Every cell is within DfE's columns for 2025/26.");
    expect(result.stdout).toMatch(/^SW13STG1 +\d+ +SWEpisodes: /m);
    expect(readdirSync(out).sort()).toContain('header.csv');
    const read = await read903({ current: [out], previous: [previous] });
    expect(read.collectionYear).toBe(2026);
    expect(read.current.Header!.rows).toHaveLength(3);
    expect(read.previous.Header!.rows).toHaveLength(2);
    expect(read.current.OC3!.rows.map((r) => [r.IN_TOUCH, r.ACTIV, r.ACCOM])).toEqual([['YES', 'P5', 'U1']]);
    // the Missing and OC2 tables of both years, from the missing episodes and health and education areas
    expect(read.current.Missing!.rows.map((r) => [r.MISSING, r.MIS_START, r.MIS_END])).toEqual([
      ['M', '10/07/2025', '11/07/2025'],
      ['A', '20/03/2026', null],
    ]);
    expect(read.previous.Missing!.rows.map((r) => r.CHILD)).toEqual([read.previous.Header!.rows[0]!.CHILD]);
    expect(read.current.OC2!.rows).toEqual([]);
    expect(read.previous.OC2!.rows.map((r) => [r.CHILD, r.SDQ_SCORE, r.HEALTH_ASSESSMENT])).toEqual([
      [read.previous.Header!.rows[0]!.CHILD, '12', '1'],
    ]);
  });

  it('writes a year with a cell outside its columns all the same, and says so with status 1: Hazel has no UPN', () => {
    const out = join(dir, '2024');
    const result = run(['--year', '2024', '--out', out]);
    expect(result.status).toBe(1);
    // Sky left care at 18 that year, seen around her birthday: her OC3 row is whole
    expect(result.stdout).toContain(`Wrote the 2023/24 SSDA903 of 3 children to ${out}`);
    expect(result.stderr).toContain("The return departs from DfE's columns for 2023/24 in 1 place:");
    expect(result.stderr).toContain('Header row 2 UPN: blank, and it is required');
    expect(readFileSync(join(out, 'header.csv'), 'utf8').split('\r\n')[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    expect(result.stdout).toContain('note: no --la given and no AUTHORITY_CODE set');
  });

  it('takes the authority’s ONS code from AUTHORITY_CODE when --la is not given', () => {
    const result = run(['--year', '2024', '--out', join(dir, '2024-configured')], { AUTHORITY_CODE: 'E08000003' });
    expect(result.stdout).toContain('Wrote the 2023/24 SSDA903 of 3 children');
    expect(result.stdout).not.toContain('no AUTHORITY_CODE set');
  });

  it('refuses bad arguments with status 2 and writes nothing', () => {
    const out = join(dir, 'none');
    const unknown = run(['--year', '2031', '--out', out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the SSDA903 rules for collection year 2031 (2030/31) are not known');
    const noOut = run(['--year', '2026']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const badLa = run(['--year', '2026', '--out', out, '--la', '352']);
    expect(badLa.status).toBe(2);
    expect(badLa.stderr).toContain('--la: "352" is not an ONS code');
    const sameFolder = run(['--year', '2026', '--out', out, '--previous-out', `${out}/`]);
    expect(sameFolder.status).toBe(2);
    expect(sameFolder.stderr).toContain('--previous-out: give a folder other than --out');
    const noFile = run(['--year', '2026', '--out', out, '--postcodes', join(dir, 'missing.csv')]);
    expect(noFile.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('says what it does, and its exit statuses, in --help', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'exit 0 written and within the year’s columns, findings or not; 1 a cell outside the year’s columns, still written; 2 bad arguments',
    );
  });
});
