import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReturnReadError } from './findings.js';
import { loadReference903, parsePostcodeDirectory, parseProviders, reference903From } from './reference-data.js';
import { checkSpreadsheetFile, readXlsxRows } from './xlsx.js';
import { makeZip, spreadsheetBomb } from '../../test/support/zip.js';
import { parseDate } from './ssda903/values.js';

describe('reference data for the SSDA903 rules', () => {
  it('reads an ONS Postcode Directory extract, taking the county as the upper tier where there is one', () => {
    const onspd = [
      'pcd,pcds,oslaua,oscty,oseast1m,osnrth1m',
      'M1  1AA,M1 1AA,E08000003,E99999999,384000,398000',
      'CB4 1AA,CB4 1AA,E07000008,E10000003,545000,260000',
    ].join('\n');
    const map = parsePostcodeDirectory(onspd, 'onspd.csv');
    expect(map.get('M11AA')).toEqual({ laCode: 'E08000003', easting: 384000, northing: 398000 });
    expect(map.get('CB41AA')?.laCode).toBe('E10000003');
  });

  it('gives the district where the ONS Postcode Directory gives no county, and the short format’s code as it is', () => {
    const onspd = [
      'pcd,pcds,oslaua,oscty,oseast1m,osnrth1m',
      'ZZ1 1AA,ZZ1 1AA,E07000008,,545000,260000',
      'ZZ1 2AA,ZZ1 2AA,E06000001,E99999999,445000,525000',
    ].join('\n');
    const map = parsePostcodeDirectory(onspd, 'onspd.csv');
    expect(map.get('ZZ11AA')?.laCode).toBe('E07000008');
    expect(map.get('ZZ12AA')?.laCode).toBe('E06000001');
    const short = parsePostcodeDirectory('postcode,la_code,easting,northing\nZZ1 1AA,E07000008,545000,260000', 'pc.csv');
    expect(short.get('ZZ11AA')?.laCode).toBe('E07000008');
  });

  it('names the file, the line and what is wrong', () => {
    expect(() => parsePostcodeDirectory('postcode,la_code,easting\nM1 1AA,E08000003,1', 'pc.csv')).toThrowError(
      /pc\.csv \(line 1\): no northing column/,
    );
    expect(() => parsePostcodeDirectory('postcode,la_code,easting,northing\nM1 1AA,E08000003,,', 'pc.csv')).toThrowError(ReturnReadError);
    expect(() => parseProviders('urn,place_types,provider_codes,registered\nSC1,K2,PR1,31/02/2020', 'p.csv')).toThrowError(
      /p\.csv \(line 2\): registered "31\/02\/2020" is not a date/,
    );
  });

  it('reads a providers list', () => {
    const providers = parseProviders(
      'urn,place_types,provider_codes,postcode,la_code,registered,closed\nsc123456,K2;K1,PR1,M1 1AA,E08000003,2019-04-01,',
      'providers.csv',
    );
    expect(providers.get('SC123456')).toEqual({
      urn: 'SC123456',
      placeTypes: ['K2', 'K1'],
      providerCodes: ['PR1'],
      postcode: 'M1 1AA',
      laCode: 'E08000003',
      registered: parseDate('01/04/2019'),
      closed: null,
    });
  });

  it("reads the combined children's homes and social care providers list saved as CSV", () => {
    const list = [
      'URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting address postcode',
      'SC000002,Anytown,K2,PR1/PR2,2025-06-30 00:00:00,m14 5aa',
      '2000003,Anytown,U1/U2/U3,PR4,,',
    ].join('\n');
    const providers = parseProviders(list, 'scpch.csv');
    expect(providers.get('SC000002')).toMatchObject({
      placeTypes: ['K2'],
      providerCodes: ['PR1', 'PR2'],
      postcode: 'm14 5aa',
      laCode: null,
      closed: parseDate('30/06/2025'),
    });
    expect(providers.get('2000003')).toMatchObject({
      placeTypes: ['U1', 'U2', 'U3'],
      providerCodes: ['PR4'],
      postcode: null,
      closed: null,
    });
    expect(() => parseProviders('URN,Placement code\nSC1,K2', 'scpch.csv')).toThrowError(
      /scpch\.csv \(line 1\): no provider_codes \(or Placement provider code\) column/,
    );
  });

  it('reads "-", which Ofsted\'s lists put where a provider has no deregistration date, as no date', async () => {
    const list = [
      'URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting address postcode',
      'SC000002,Anytown,K2,PR1,-,M14 5AA',
      'SC000003,Anytown,K2,PR1, \u2013 ,M14 5AA',
      'SC000004,Anytown,K2,PR1,31/01/2025,M14 5AA',
    ].join('\n');
    const providers = parseProviders(list, 'scpch.csv');
    expect([...providers.values()].map((p) => p.closed)).toEqual([null, null, parseDate('31/01/2025')]);
    // and in the spreadsheet as Ofsted sends it
    const cell = (v: string) => `<c t="inlineStr"><is><t>${v}</t></is></c>`;
    const row = (cells: string[]) => `<row>${cells.map(cell).join('')}</row>`;
    const sheet = await makeZip([
      {
        name: 'xl/worksheets/sheet1.xml',
        text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row(['URN', 'Placement code', 'Placement provider code', 'Deregistration date'])}${row(['SC000002', 'K2', 'PR1', '-'])}</sheetData></worksheet>`,
      },
    ]);
    expect(parseProviders(sheet, 'scpch.xlsx').get('SC000002')?.closed).toBeNull();
    // a dash among other text is still not a date
    expect(() => parseProviders('URN,Placement code,Placement provider code,Deregistration date\nSC1,K2,PR1,2025-', 'p.csv')).toThrowError(
      /not a date/,
    );
  });

  it('refuses a picture given as the providers list or postcode directory, saying it is not a text file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(() => reference903From({ providers: { name: 'providers.csv', content: png } })).toThrowError(
      'Ofsted providers list providers.csv: is not a text file (it is a PNG image): give a CSV file, or the spreadsheet itself (.xlsx)',
    );
    expect(() => reference903From({ postcodes: { name: 'pc.csv', content: png } })).toThrowError(
      /^Postcode directory pc\.csv: is not a text file/,
    );
  });

  it("takes a provider's authority from its postcode when the list does not give one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-ref-'));
    writeFileSync(join(dir, 'pc.csv'), 'postcode,la_code,easting,northing\nM14 5AA,E08000003,384000,395000\n');
    writeFileSync(
      join(dir, 'scpch.csv'),
      'URN,Placement code,Placement provider code,Setting address postcode\nSC000002,K2,PR1,M14 5AA\nSC000004,K2,PR1,ZZ1 1ZZ\n',
    );
    const reference = await loadReference903({ postcodes: join(dir, 'pc.csv'), providers: join(dir, 'scpch.csv') });
    expect(reference.providers?.('SC000002')?.laCode).toBe('E08000003');
    expect(reference.providers?.('SC000004')?.laCode).toBeNull();
  });

  it('loads both files into the lookups the rules use, whatever the postcode spacing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-ref-'));
    writeFileSync(join(dir, 'pc.csv'), 'postcode,la_code,easting,northing\nM14 5AA,E08000003,384000,395000\n');
    writeFileSync(join(dir, 'providers.csv'), 'urn,place_types,provider_codes\nSC000001,K2,PR2\n');
    const reference = await loadReference903({
      localAuthority: 'E08000003',
      postcodes: join(dir, 'pc.csv'),
      providers: join(dir, 'providers.csv'),
    });
    expect(reference.postcodes?.('m145aa')).toEqual({ laCode: 'E08000003', easting: 384000, northing: 395000 });
    expect(reference.postcodes?.('M1 1AA')).toBeUndefined();
    expect(reference.providers?.('sc000001')?.placeTypes).toEqual(['K2']);
    await expect(loadReference903({ postcodes: join(dir, 'missing.csv') })).rejects.toThrow(/ENOENT/);
  });
});

describe('reference data from spreadsheets', () => {
  it('reads the combined providers list as Ofsted sends it (.xlsx): its first sheet, shared and inline text, numbers and dates', async () => {
    const file = new URL('./testdata/providers-combined.xlsx', import.meta.url);
    const providers = parseProviders(new Uint8Array(readFileSync(file)), 'providers-combined.xlsx');
    expect(providers.get('SC000002')).toMatchObject({
      placeTypes: ['K2'],
      providerCodes: ['PR1', 'PR2'],
      postcode: 'M14 5AA',
      closed: parseDate('30/06/2025'),
    });
    expect(providers.get('2000003')).toMatchObject({
      placeTypes: ['U1', 'U2', 'U3'],
      providerCodes: ['PR4'],
      postcode: null,
      closed: null,
    });
    expect(providers.get('SC000005')?.providerCodes).toEqual(['PR3']);
    expect(providers.size).toBe(3);
    // The same file given by path, as `opencsc validate 903 --providers` does.
    const reference = await loadReference903({ providers: fileURLToPath(file) });
    expect(reference.providers?.('sc000002')?.placeTypes).toEqual(['K2']);
  });

  it('reads cells as Excel and other tools write them: shared, rich and inline text, entities, prefixes, gaps', async () => {
    const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const shared =
      `<?xml version="1.0"?><sst ${main} count="4"><si><t>URN</t></si><si><t xml:space="preserve"> Placement code </t></si>` +
      `<si><r><rPr><b/></rPr><t>K</t></r><r><t>2</t></r><rPh sb="0" eb="1"><t>guide</t></rPh></si><si><t>A &amp; B &lt;&#x41;&#66;&gt;</t></si></sst>`;
    const sheet =
      `<?xml version="1.0"?><!-- written by hand --><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row r="2"/>' +
      '<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t><![CDATA[SC<1>]]></x:t></x:is></x:c><x:c r="B3"/><x:c r="C3" t="s"><x:v>2</x:v></x:c><x:c r="D3"><x:v>45838</x:v></x:c><x:c r="E3" t="s"><x:v>3</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const workbook = await makeZip([
      { name: 'xl/worksheets/sheet1.xml', text: sheet },
      { name: 'xl/sharedStrings.xml', text: shared },
    ]);
    expect(readXlsxRows(workbook, 'cells.xlsx')).toEqual([['URN', '', 'Placement code'], [], ['SC<1>', '', 'K2', '45838', 'A & B <AB>']]);
    // the first sheet in the workbook's order, wherever its part is
    const two = await makeZip([
      {
        name: 'xl/workbook.xml',
        text: `<workbook ${main} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Providers" sheetId="2" r:id="rId7"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        text: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        text: `<worksheet ${main}><sheetData><row><c t="inlineStr"><is><t>other</t></is></c></row></sheetData></worksheet>`,
      },
      {
        name: 'xl/worksheets/sheet2.xml',
        text: `<worksheet ${main}><sheetData><row><c t="inlineStr"><is><t>URN</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    expect(readXlsxRows(two, 'two.xlsx')).toEqual([['URN']]);
  });

  it('reads a damaged spreadsheet or says it cannot, never failing otherwise (fuzzed)', () => {
    const bytes = new Uint8Array(readFileSync(new URL('./testdata/providers-combined.xlsx', import.meta.url)));
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.nat(255), fc.nat(bytes.length), (at, value, cut) => {
        const damaged = bytes.slice(0, Math.max(cut, 30));
        if (at < damaged.length) damaged[at] = value;
        try {
          parseProviders(damaged, 'damaged.xlsx');
        } catch (e) {
          expect(e).toBeInstanceOf(ReturnReadError);
          expect((e as Error).message).toContain('damaged.xlsx');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says a damaged spreadsheet cannot be read, naming the file', () => {
    const bytes = new Uint8Array(readFileSync(new URL('./testdata/providers-combined.xlsx', import.meta.url)));
    expect(() => parseProviders(bytes.subarray(0, 200), 'cut.xlsx')).toThrowError(/cut\.xlsx: not a readable spreadsheet \(\.xlsx\)/);
  });

  it('refuses a zip bomb by its table of contents, before inflating it, naming the field', async () => {
    // 64 MB of rows packed into about 64 KB: over the limit, and packed far tighter than a sheet.
    const bomb = await spreadsheetBomb(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => reference903From({ providers: { name: 'bomb.xlsx', content: bomb } })).toThrowError(
      /Ofsted providers list bomb\.xlsx: the spreadsheet unpacks to more than 50 MB/,
    );
    // The same check on the file on disk reads only its table of contents.
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-ref-'));
    writeFileSync(join(dir, 'bomb.xlsx'), bomb);
    await expect(checkSpreadsheetFile(join(dir, 'bomb.xlsx'), 'bomb.xlsx')).rejects.toThrow(
      /bomb\.xlsx: the spreadsheet unpacks to more than 50 MB/,
    );
    await expect(
      checkSpreadsheetFile(fileURLToPath(new URL('./testdata/providers-combined.xlsx', import.meta.url)), 'ok.xlsx'),
    ).resolves.toBeUndefined();
    // A part under the limit but packed like a bomb is refused too.
    const dense = await spreadsheetBomb(20 * 1024 * 1024);
    expect(() => parseProviders(dense, 'dense.xlsx')).toThrowError(/dense\.xlsx: the spreadsheet unpacks to more than 50 MB/);
  });

  it('stops inflating a zip bomb that understates its size, also when read by path as the CLI does', async () => {
    const bomb = await spreadsheetBomb(80 * 1024 * 1024, { declaredSize: 1000 });
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-ref-'));
    writeFileSync(join(dir, 'liar.xlsx'), bomb);
    await expect(checkSpreadsheetFile(join(dir, 'liar.xlsx'), 'liar.xlsx')).resolves.toBeUndefined();
    await expect(loadReference903({ providers: join(dir, 'liar.xlsx') })).rejects.toThrow(
      /Ofsted providers list .*liar\.xlsx: the spreadsheet unpacks to more than 50 MB/,
    );
  });
});
