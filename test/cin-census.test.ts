import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusFromRecord } from '../src/cin-census/census.js';
import { type Database, openDatabase, runMigrations } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { readCin, schemaProblems, cinSchema } from '../src/returns/cin/index.js';
import { syntheticUpn } from '../src/returns/cin/tooling/synthetic.js';
import { type Authority, recordChildren } from './support/census.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

for (const kind of await testDatabases()) {
  describe(`the CIN census from the record, on ${kind.name}`, () => {
    let database: Database;
    let authority: Authority;
    let ids: Awaited<ReturnType<typeof recordChildren>>;
    let service: RunningService;

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      ids = await recordChildren(database.db, authority);
      service = await startService(database, new TestClock('2026-05-01T10:00:00Z'));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('builds the census within DfE’s schema, and reads back as it was built', async () => {
      const checked = await censusFromRecord(database.db, 2026, { laNumber: '352', madeAt: '2026-05-01T10:00:00.000Z' });
      expect(checked.schemaProblems).toEqual([]);
      expect(schemaProblems(checked.xml, cinSchema(2026))).toEqual([]);
      expect(checked.census.children.map((c) => c.cinDetails[0]!.CINreferralDate)).toEqual(['2025-06-02', '2025-10-01', '2025-09-01']);
      expect(checked.sources.map((s) => s.childId)).toEqual([ids.wren, ids.rowan, ids.ash]);

      const [wren, rowan, ash] = checked.census.children;
      expect(wren!.identifiers).toMatchObject({ UPN: syntheticUpn('352', 1), PersonBirthDate: '2019-02-11', Sex: 'F' });
      expect(wren!.characteristics).toEqual({ Ethnicity: 'WBRI', Disabilities: ['NONE'] });
      expect(wren!.cinDetails[0]).toMatchObject({
        ReferralSource: '3A',
        PrimaryNeedCode: 'N1',
        ReferralNFA: '0',
        Assessments: [
          { AssessmentActualStartDate: '2025-06-03', AssessmentAuthorisationDate: '2025-07-03', AssessmentFactors: ['3A', '4A'] },
        ],
        CINPlanDates: [{ CINPlanStartDate: '2025-07-10', CINPlanEndDate: null }],
      });
      expect(rowan!.cinDetails[0]).toMatchObject({
        Section47: [
          { S47ActualStartDate: '2025-10-02', InitialCPCtarget: '2025-10-23', DateOfInitialCPC: '2025-10-20', ICPCnotRequired: '0' },
        ],
        ChildProtectionPlans: [
          {
            CPPstartDate: '2025-10-20',
            CPPendDate: null,
            InitialCategoryOfAbuse: 'PHY',
            LatestCategoryOfAbuse: 'MUL',
            NumberOfPreviousCPP: '0',
            CPPreviewDate: ['2026-01-14'],
          },
        ],
      });
      expect(ash!.cinDetails[0]).toMatchObject({ CINclosureDate: '2025-09-04', ReasonForClosure: 'RC7', ReferralNFA: '1' });

      // the round trip: what is read back from the XML is what was built
      const read = readCin(checked.xml, { file: 'cin.xml' });
      expect(read.source?.issues).toEqual([]);
      const { source: _source, ...back } = read;
      expect(back).toEqual(checked.census);
    });

    it('finds what the record lacks: Rowan’s disabilities were never recorded', async () => {
      const checked = await censusFromRecord(database.db, 2026);
      const about = (row: number) => checked.findings.filter((f) => f.row === row).map((f) => f.rule);
      expect(about(1)).toEqual([]);
      expect(about(2)).toContain('8540');
      // one child's part of the census finds the same about that child
      const rowan = await censusFromRecord(database.db, 2026, {}, ids.rowan);
      expect(rowan.census.children).toHaveLength(1);
      expect(rowan.findings.filter((f) => f.row !== null).map((f) => f.rule)).toEqual(about(2));
    });

    it('shows the census on the Returns page, with its findings and the XML to download', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      const form = await sam.get('/returns/cin-census');
      expect(form.status).toBe(200);
      const refused = await sam.post('/returns/cin-census', { year: '2019', la: '35' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Collection year must be one of: 2023, 2024, 2025, 2026');
      expect(refused.text).toContain('DfE LA number must be the authority’s three digits');
      const built = await sam.post('/returns/cin-census', { year: '2026', la: '352' });
      expect(built.status).toBe(303);
      const page = await sam.get(built.location!);
      expect(page.status).toBe(200);
      expect(page.text).toContain('The 2025/26 census of 3 children, built from the record on 2026-05-01.');
      expect(page.text).toContain('It conforms to DfE’s schema for 2025/26.');
      expect(page.text).toMatch(/href="\/returns\/runs\/[0-9a-f-]+\/rules\/8540"/);
      const xml = await sam.get('/returns/cin-census/2026/census.xml?la=352');
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-disposition')).toBe('attachment; filename="cin-census-2026.xml"');
      expect(xml.text).toContain('<LEA>352</LEA>');
      expect(readCin(xml.text, { file: 'download.xml' }).children).toHaveLength(3);
      // a practitioner may not
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect((await ana.get('/returns/cin-census')).status).toBe(403);
    });

    it('shows on a child’s record the census findings about the child, linked to where they are put right', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const rowan = await ana.get(`/children/${ids.rowan}`);
      expect(rowan.status).toBe(200);
      expect(rowan.text).toContain('The 2025/26 census, built from this record today, breaks');
      expect(rowan.text).toMatch(new RegExp(`data-cin-rule="8540">[\\s\\S]*?href="/children/${ids.rowan}/edit"`));
      const wren = await ana.get(`/children/${ids.wren}`);
      expect(wren.text).toContain('breaks no DfE rule for this child');
      const elm = await ana.get(`/children/${ids.elm}`);
      expect(elm.text).toContain('Not in the 2025/26 census: no referral open in that year.');
    });
  });
}

describe('opencsc returns build cin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opencsc-census-'));
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    await runMigrations(database);
    await recordChildren(database.db, await smallAuthority(database.db));
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(repo, 'bin/opencsc.js'), 'returns', 'build', 'cin', ...args], {
      cwd: dir,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NODE_ENV: 'development' },
      encoding: 'utf8',
    });

  it('writes the census from the configured database, within the schema, and prints its findings by rule', () => {
    const out = join(dir, 'cin.xml');
    const result = run(['--year', '2026', '--out', out, '--la', '352']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Wrote the 2025/26 CIN census of 3 children to ${out}`);
    expect(result.stdout).toContain("It conforms to DfE's schema for 2025/26.");
    expect(result.stdout).toMatch(/^8540 +1 +ChildCharacteristics: /m);
    const read = readCin(readFileSync(out), { file: out });
    expect(read.year).toBe(2026);
    expect(read.children.map((c) => c.identifiers.PersonBirthDate)).toEqual(['2019-02-11', '2017-09-30', '2012-03-03']);
  });

  it('refuses a year it has no rules for, or no --out, with status 2 and writes nothing', () => {
    const out = join(dir, 'none.xml');
    const unknown = run(['--year', '2031', '--out', out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the CIN census rules for collection year 2031 (2030/31) are not known');
    const noOut = run(['--year', '2026']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out');
    expect(existsSync(out)).toBe(false);
  });

  it('writes a census outside the schema all the same, and says so with status 1: no child was in need in 2022/23', () => {
    const out = join(dir, 'empty.xml');
    const result = run(['--year', '2023', '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`Wrote the 2022/23 CIN census of 0 children to ${out}`);
    expect(result.stderr).toContain("The census departs from DfE's schema for 2022/23 in 1 place:");
    expect(result.stderr).toContain('<Child> missing (needed at least 1)');
    expect(existsSync(out)).toBe(true);
  });

  it('says what it does, and its exit statuses, in --help', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('exit 0 written and within the schema, findings or not; 1 outside the schema, still written; 2 bad arguments');
  });
});
