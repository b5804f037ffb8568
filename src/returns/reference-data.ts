import { readFile } from 'node:fs/promises';
import { ReturnReadError } from './findings.js';
import type { PostcodePlace, Provider, Reference903 } from './ssda903/model.js';
import { CsvSyntaxError, eachCsvRecord, notText } from './ssda903/csv.js';
import { compactPostcode, parseDate } from './ssda903/values.js';
import { excelSerialDate, looksLikeZip, readXlsxRows } from './xlsx.js';

/**
 * Reference data some SSDA903 rules need, from files an authority downloads:
 * - a postcode directory (the ONS Postcode Directory, or a CSV of postcode, la_code,
 *   easting, northing) for placement distance and location;
 * - a list of Ofsted-registered providers for the URN rules: a CSV of urn, place_types,
 *   provider_codes, postcode, la_code, registered, closed, or the combined children's homes
 *   and social care providers list as distributed for the 903 (URN, Placement code,
 *   Placement provider code, Deregistration date, Setting address postcode), as the
 *   spreadsheet (.xlsx, its first sheet) or saved as CSV.
 *   Where the list gives no authority code, the provider's authority is taken from its
 *   postcode in the postcode directory.
 * Rules whose reference data is absent are not run.
 */

function pick(header: string[], names: string[], file: string, what: string): number {
  const i = header.findIndex((h) => names.includes(h));
  if (i < 0) throw new ReturnReadError(file, `no ${what} column (looked for ${names.join(', ')})`, 'line 1');
  return i;
}

/** A reference file as given: text, or the bytes of a CSV or an Excel workbook (.xlsx). */
export type ReferenceContent = string | Uint8Array;

function records(content: ReferenceContent, file: string): { header: string[]; rows: string[][] } {
  let all: string[][];
  if (typeof content !== 'string' && looksLikeZip(content)) {
    all = readXlsxRows(content, file).filter((r) => r.some((c) => c !== ''));
  } else {
    const what = typeof content === 'string' ? null : notText(content);
    if (what) throw new ReturnReadError(file, `is not a text file (it is ${what}): give a CSV file, or the spreadsheet itself (.xlsx)`);
    const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
    all = [];
    try {
      // Cells trimmed, blank lines skipped, rows of any length: as these files come.
      eachCsvRecord(text.replace(/^\uFEFF/, ''), (cells) => {
        all.push(cells.map((c) => c.trim()));
      });
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new ReturnReadError(file, `not a readable CSV file (${e.message})`, `line ${e.line}`);
      throw e;
    }
  }
  if (all.length === 0) throw new ReturnReadError(file, 'the file is empty');
  return { header: all[0]!.map((h) => h.toLowerCase()), rows: all.slice(1) };
}

/** The ONS pseudo-code for "no county": a unitary authority's upper tier is its own district. */
const NO_COUNTY = /^[EWSN]99999999$/;

export function parsePostcodeDirectory(content: ReferenceContent, file: string): Map<string, PostcodePlace> {
  const { header, rows } = records(content, file);
  const pc = pick(header, ['postcode', 'pcds', 'pcd', 'pcd2'], file, 'postcode');
  const county = header.indexOf('oscty');
  const la = pick(header, ['la_code', 'oslaua', 'lad', 'laua'], file, 'local authority code');
  const east = pick(header, ['easting', 'oseast1m'], file, 'easting');
  const north = pick(header, ['northing', 'osnrth1m'], file, 'northing');
  const out = new Map<string, PostcodePlace>();
  rows.forEach((r, i) => {
    const easting = Number(r[east]);
    const northing = Number(r[north]);
    if (!r[pc] || !Number.isFinite(easting) || !Number.isFinite(northing) || r[east] === '' || r[north] === '') {
      if (r[pc]) throw new ReturnReadError(file, `postcode ${r[pc]} has no grid reference`, `line ${i + 2}`);
      return;
    }
    const upper = county >= 0 && r[county] && !NO_COUNTY.test(r[county]!) ? r[county]! : r[la]!;
    out.set(compactPostcode(r[pc]!), { laCode: upper, easting, northing });
  });
  return out;
}

/** What Ofsted's lists put in a date cell that has no date (a provider still registered). */
const NO_DATE = /^[-\u2013\u2014]$/;

function dayOrNull(value: string | undefined, file: string, line: number, column: string): number | null {
  if (!value || NO_DATE.test(value.trim())) return null;
  // A workbook's dates are day counts; spreadsheets saved as CSV often add a time of day.
  value = excelSerialDate(value) ?? value;
  value = value.replace(/[ T]\d{2}:\d{2}(:\d{2})?$/, '');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = parseDate(iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value);
  if (day === null) throw new ReturnReadError(file, `${column} "${value}" is not a date (dd/mm/yyyy or yyyy-mm-dd)`, `line ${line}`);
  return day;
}

export function parseProviders(content: ReferenceContent, file: string): Map<string, Provider> {
  const { header, rows } = records(content, file);
  const col = (names: string[], what: string) => pick(header, names, file, what);
  const urn = col(['urn'], 'URN');
  const types = col(['place_types', 'placement code'], 'place_types (or Placement code)');
  const codes = col(['provider_codes', 'placement provider code'], 'provider_codes (or Placement provider code)');
  const postcode = header.findIndex((h) => ['postcode', 'setting address postcode', 'setting postcode'].includes(h));
  const la = header.indexOf('la_code');
  const registered = header.indexOf('registered');
  const closed = header.findIndex((h) => ['closed', 'deregistration date', 'closed date'].includes(h));
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(/[;,/\s]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
  const out = new Map<string, Provider>();
  rows.forEach((r, i) => {
    if (!r[urn]) return;
    out.set(r[urn]!.toUpperCase(), {
      urn: r[urn]!.toUpperCase(),
      placeTypes: list(r[types]),
      providerCodes: list(r[codes]),
      postcode: postcode >= 0 && r[postcode] ? r[postcode]! : null,
      laCode: la >= 0 && r[la] ? r[la]! : null,
      registered: registered >= 0 ? dayOrNull(r[registered], file, i + 2, 'registered') : null,
      closed: closed >= 0 ? dayOrNull(r[closed], file, i + 2, header[closed]!) : null,
    });
  });
  return out;
}

/** Reference data as files: what the lookups are built from. */
export interface ReferenceSources {
  localAuthority?: string | undefined;
  postcodes?: { name: string; content: ReferenceContent } | undefined;
  providers?: { name: string; content: ReferenceContent } | undefined;
}

/** A reference file that cannot be read is named with what it was given as, beside the return's own files. */
function naming<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ReturnReadError) throw new ReturnReadError(`${what} ${e.file}`, e.reason, e.location);
    throw e;
  }
}

/** Reference data from files already in memory (e.g. uploaded on the returns page). */
export function reference903From(opts: ReferenceSources): Reference903 {
  const reference: Reference903 = {};
  if (opts.localAuthority) reference.localAuthority = opts.localAuthority;
  if (opts.postcodes) {
    const { name, content } = opts.postcodes;
    const map = naming('Postcode directory', () => parsePostcodeDirectory(content, name));
    // Rules look the same postcodes up again and again: each as written is compacted once.
    const looked = new Map<string, PostcodePlace | undefined>();
    reference.postcodes = (postcode) => {
      let place = looked.get(postcode);
      if (place === undefined && !looked.has(postcode)) looked.set(postcode, (place = map.get(compactPostcode(postcode))));
      return place;
    };
  }
  if (opts.providers) {
    const { name, content } = opts.providers;
    const map = naming('Ofsted providers list', () => parseProviders(content, name));
    const places = reference.postcodes;
    if (places) {
      for (const p of map.values()) if (!p.laCode && p.postcode) p.laCode = places(p.postcode)?.laCode ?? null;
    }
    reference.providers = (u) => map.get(u.toUpperCase());
  }
  return reference;
}

export async function loadReference903(opts: {
  localAuthority?: string | undefined;
  postcodes?: string | undefined;
  providers?: string | undefined;
}): Promise<Reference903> {
  return reference903From(await loadReferenceSources(opts));
}

/** The reference data files named, read but not yet parsed. */
async function loadReferenceSources(opts: {
  localAuthority?: string | undefined;
  postcodes?: string | undefined;
  providers?: string | undefined;
}): Promise<ReferenceSources> {
  const file = async (path: string | undefined) => (path ? { name: path, content: new Uint8Array(await readFile(path)) } : undefined);
  return { localAuthority: opts.localAuthority, postcodes: await file(opts.postcodes), providers: await file(opts.providers) };
}
