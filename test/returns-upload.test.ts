import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rows } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { generateCin } from '../src/returns/cin/tooling/generate.js';
import { writeCin } from '../src/returns/cin/write.js';
import { generate903 } from '../src/returns/ssda903/tooling/generate.js';
import { tableToCsv } from '../src/returns/ssda903/write.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';
import { spreadsheetBomb } from './support/zip.js';

async function finished(agent: Agent, location: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const page = await agent.get(location);
    if (!page.text.includes('Validating…')) return page.text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('validation did not finish');
}

for (const kind of await testDatabases()) {
  describe(`a performance officer validates returns through the upload page, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let agent: Agent;
    // A second instance on the same database, with a 1 MB upload limit and its own data folder.
    let limited: RunningService;
    let limitedAgent: Agent;
    const dataDir = mkdtempSync(join(tmpdir(), 'opencsc-uploads-test-'));
    const uploads = join(dataDir, 'uploads');

    const runCount = async () => Number((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from return_runs`))[0]!.n);
    const returnFiles = (seed: number) =>
      Object.values(generate903({ children: 20, year: 2025, seed, previous: false }).current).map((t) => ({
        field: 'current',
        name: `${t!.name}.csv`,
        content: tableToCsv(t!),
      }));

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database);
      agent = new Agent(service.url);
      await agent.signIn('sam', PASSWORD);
      // What a process that stopped mid-run left behind, removed at start-up.
      mkdirSync(join(uploads, '99999999-left'), { recursive: true });
      writeFileSync(join(uploads, '99999999-left', '1'), 'CHILD,DECOM\n');
      limited = await startService(database, undefined, { env: { UPLOAD_LIMIT_MB: '1', DATA_DIR: dataDir } });
      limitedAgent = new Agent(limited.url);
      await limitedAgent.signIn('sam', PASSWORD);
    });
    afterAll(async () => {
      await limited?.close();
      await service?.close();
      await database?.close();
    });

    it('shows a CIN census’s seeded error by rule, its rows, and the CSV download', async () => {
      const generated = generateCin({ children: 60, year: 2025, seed: 7, errors: [{ rule: '8606', count: 2 }] });
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'cin' }, [
        { field: 'current', name: 'cin.xml', content: writeCin(generated.ret) },
      ]);
      expect(res.status).toBe(303);
      const page = await finished(agent, res.location!);
      expect(page).toContain('Findings by rule');
      expect(page).toContain('8606');
      const rule = await agent.get(`${res.location}/rules/8606`);
      const seededRows = generated.seeded.filter((s) => s.rule === '8606').map((s) => s.row);
      for (const row of seededRows) expect(rule.text).toContain(`>${row}<`);
      const csv = await agent.get(`${res.location}/findings.csv`);
      const records = parse(csv.text, { columns: true }) as { rule: string; row: string }[];
      expect(
        records
          .filter((r) => r.rule === '8606')
          .map((r) => Number(r.row))
          .sort(),
      ).toEqual([...seededRows].sort());
    });

    it('validates an SSDA903 return uploaded as its CSV files', async () => {
      const generated = generate903({ children: 40, year: 2025, seed: 3, previous: false });
      await agent.get('/returns');
      const files = Object.values(generated.current).map((t) => ({ field: 'current', name: `${t!.name}.csv`, content: tableToCsv(t!) }));
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, files);
      expect(res.status).toBe(303);
      const page = await finished(agent, res.location!);
      expect(page).toMatch(/\d+ findings?|No findings/);
      expect(page).not.toContain('could not be validated');
    });

    it('runs the URN and postcode rules with the reference data uploaded beside an SSDA903 return', async () => {
      const generated = generate903({ children: 40, year: 2025, seed: 3, previous: false });
      const episodes = generated.current.Episodes!;
      const withUrn = episodes.rows.findIndex((r) => r.URN && r.URN !== 'XXXXXXX');
      const files = Object.values(generated.current).map((t) => ({ field: 'current', name: `${t!.name}.csv`, content: tableToCsv(t!) }));
      // A register holding every URN but one: that episode fails 1008 (URN not valid).
      const urns = [...new Set(episodes.rows.map((r) => r.URN).filter((u) => u && u !== 'XXXXXXX' && u !== episodes.rows[withUrn]!.URN))];
      const register = [
        'urn,place_types,provider_codes',
        ...urns.map(
          (u) => `${u},${episodes.rows.find((r) => r.URN === u)!.PLACE},${episodes.rows.find((r) => r.URN === u)!.PLACE_PROVIDER ?? ''}`,
        ),
      ].join('\n');
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025', la: 'E09000027' }, [
        ...files,
        { field: 'providers', name: 'providers.csv', content: register },
        { field: 'postcodes', name: 'postcodes.csv', content: 'postcode,la_code,easting,northing\nTW1 1AA,E09000027,516000,174000\n' },
      ]);
      expect(res.status).toBe(303);
      const page = await finished(agent, res.location!);
      expect(page).toContain('providers.csv (providers)');
      expect(page).toContain('postcodes.csv (postcode directory)');
      expect(page).not.toContain('No register of Ofsted providers was given');
      const csv = await agent.get(`${res.location}/findings.csv`);
      const records = parse(csv.text, { columns: true }) as { rule: string; row: string }[];
      expect(records.filter((r) => r.rule === '1008').map((r) => Number(r.row))).toContain(withUrn + 1);
    });

    it('says which rules were not run for want of reference data', async () => {
      const generated = generate903({ children: 20, year: 2025, seed: 4, previous: false });
      const files = Object.values(generated.current).map((t) => ({ field: 'current', name: `${t!.name}.csv`, content: tableToCsv(t!) }));
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, files);
      const page = await finished(agent, res.location!);
      expect(page).toContain('No register of Ofsted providers was given: the rules checking URNs');
      expect(page).toContain('No postcode directory was given');
    });

    it('names the reference file that cannot be read, and what is wrong with it', async () => {
      const generated = generate903({ children: 20, year: 2025, seed: 4, previous: false });
      const files = Object.values(generated.current).map((t) => ({ field: 'current', name: `${t!.name}.csv`, content: tableToCsv(t!) }));
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, [
        ...files,
        { field: 'postcodes', name: 'my-postcodes.csv', content: 'postcode,la_code,easting\nTW1 1AA,E09000027,516000\n' },
      ]);
      const page = await finished(agent, res.location!);
      expect(page).toContain('The return could not be validated');
      expect(page).toContain('my-postcodes.csv');
      expect(page).toContain('no northing column');
    });

    it('says why a file that is not a return cannot be read, naming the file', async () => {
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'cin' }, [
        { field: 'current', name: 'notes.xml', content: 'these are not census data' },
      ]);
      const page = await finished(agent, res.location!);
      expect(page).toContain('The return could not be validated');
      expect(page).toContain('notes.xml');
    });

    it('names what is missing when nothing is uploaded', async () => {
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', {}, []);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Select return');
      expect(res.text).toContain('Select the return’s files to upload');
    });

    it('refuses a file over the upload limit, naming its field and the limit, and starts no run', async () => {
      const before = await runCount();
      const page = await limitedAgent.get('/returns');
      expect(page.text).toContain('Each file must be smaller than 1 MB');
      const big = 'urn,place_types,provider_codes\n' + 'SC000001,K2,PR1\n'.repeat(80_000);
      const res = await limitedAgent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, [
        ...returnFiles(5),
        { field: 'providers', name: 'big-providers.csv', content: big },
      ]);
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#providers"');
      expect(res.text).toContain('The Ofsted providers file must be smaller than 1 MB: big-providers.csv is larger');
      expect(await runCount()).toBe(before);
      // Nothing of the refused upload (nor what was left before start-up) is on disk, and the folder is the service's alone.
      expect(readdirSync(uploads)).toEqual([]);
      expect(statSync(uploads).mode & 0o777).toBe(0o700);
    });

    it('removes the uploaded files when the run ends', async () => {
      await limitedAgent.get('/returns');
      const res = await limitedAgent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, returnFiles(6));
      expect(res.status).toBe(303);
      await finished(limitedAgent, res.location!);
      for (let i = 0; i < 50 && readdirSync(uploads).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(readdirSync(uploads)).toEqual([]);
    });

    it('refuses a spreadsheet that would unpack to gigabytes, naming the field, and starts no run', async () => {
      const before = await runCount();
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, [
        ...returnFiles(7),
        { field: 'providers', name: 'bomb.xlsx', content: await spreadsheetBomb(64 * 1024 * 1024) },
      ]);
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#providers"');
      expect(res.text).toContain('The Ofsted providers file bomb.xlsx cannot be used: the spreadsheet unpacks to more than 50 MB');
      expect(await runCount()).toBe(before);
    });

    it('stops inflating a spreadsheet that understates what it unpacks to, and says so on the run', async () => {
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'ssda903', year: '2025' }, [
        ...returnFiles(8),
        { field: 'providers', name: 'liar.xlsx', content: await spreadsheetBomb(80 * 1024 * 1024, { declaredSize: 1000 }) },
      ]);
      expect(res.status).toBe(303);
      const page = await finished(agent, res.location!);
      expect(page).toContain('The return could not be validated');
      expect(page).toContain('Ofsted providers list liar.xlsx: the spreadsheet unpacks to more than 50 MB');
    });

    it('refuses a CSRF token in the query string, on a form and on the upload', async () => {
      const signedIn = new Agent(service.url);
      await signedIn.signIn('sam', PASSWORD);
      await signedIn.get('/returns');
      const { cookie, csrf } = signedIn.credentials();
      const query = `?_csrf=${encodeURIComponent(csrf)}`;

      const signOut = await fetch(`${service.url}/sign-out${query}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        redirect: 'manual',
      });
      expect(signOut.status).toBe(403);

      const before = await runCount();
      const form = new FormData();
      form.append('kind', 'cin');
      form.append('current', new Blob(['<Message/>']), 'cin.xml');
      const upload = await fetch(`${service.url}/returns${query}`, { method: 'POST', headers: { cookie }, body: form, redirect: 'manual' });
      expect(upload.status).toBe(403);
      // The token is read from the form's first field only: after a file is too late.
      const late = new FormData();
      late.append('current', new Blob(['<Message/>']), 'cin.xml');
      late.append('_csrf', csrf);
      late.append('kind', 'cin');
      const lateUpload = await fetch(`${service.url}/returns`, { method: 'POST', headers: { cookie }, body: late, redirect: 'manual' });
      expect(lateUpload.status).toBe(403);
      expect(await runCount()).toBe(before);
      // Still signed in, and the same token in the form is accepted.
      expect((await signedIn.get('/returns')).status).toBe(200);
      expect((await signedIn.post('/sign-out', {})).status).toBe(303);
    });

    it('is not open to practitioners', async () => {
      const practitioner = new Agent(service.url);
      await practitioner.signIn('ana', PASSWORD);
      expect((await practitioner.get('/returns')).status).toBe(403);
    });
  });
}
