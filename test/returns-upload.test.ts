import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { generateCin } from '../src/returns/cin/generate.js';
import { writeCin } from '../src/returns/cin/write.js';
import { generate903 } from '../src/returns/ssda903/generate.js';
import { tableToCsv } from '../src/returns/ssda903/write.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

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

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database);
      agent = new Agent(service.url);
      await agent.signIn('sam', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows a CIN census’s seeded error by rule, its rows, and the CSV download', async () => {
      const generated = generateCin({ children: 60, year: 2025, seed: 7, errors: [{ rule: '8606', count: 2 }] });
      await agent.get('/returns');
      const res = await agent.postFiles('/returns', { kind: 'cin' }, [{ field: 'current', name: 'cin.xml', content: writeCin(generated.ret) }]);
      expect(res.status).toBe(303);
      const page = await finished(agent, res.location!);
      expect(page).toContain('Findings by rule');
      expect(page).toContain('8606');
      const rule = await agent.get(`${res.location}/rules/8606`);
      const seededRows = generated.seeded.filter((s) => s.rule === '8606').map((s) => s.row);
      for (const row of seededRows) expect(rule.text).toContain(`>${row}<`);
      const csv = await agent.get(`${res.location}/findings.csv`);
      const records = parse(csv.text, { columns: true }) as { rule: string; row: string }[];
      expect(records.filter((r) => r.rule === '8606').map((r) => Number(r.row)).sort()).toEqual([...seededRows].sort());
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
      const register = ['urn,place_types,provider_codes', ...urns.map((u) => `${u},${episodes.rows.find((r) => r.URN === u)!.PLACE},${episodes.rows.find((r) => r.URN === u)!.PLACE_PROVIDER ?? ''}`)].join('\n');
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
      const res = await agent.postFiles('/returns', { kind: 'cin' }, [{ field: 'current', name: 'notes.xml', content: 'these are not census data' }]);
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

    it('is not open to practitioners', async () => {
      const practitioner = new Agent(service.url);
      await practitioner.signIn('ana', PASSWORD);
      expect((await practitioner.get('/returns')).status).toBe(403);
    });
  });
}
