/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of cell text, enough to read the
 * lists authorities are sent as spreadsheets (Ofsted's providers lists). An .xlsx file is a
 * zip of XML parts: the worksheet, and the strings it shares with other sheets.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { ReturnReadError } from './findings.js';

/** True when the bytes start as a zip file does (an .xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/**
 * The most a workbook may unpack to, all its parts together. A real providers list unpacks
 * to a few MB; a zip bomb (a small file that inflates to gigabytes) is refused, both by what
 * the zip's table of contents declares and by counting the bytes actually inflated, since
 * the declared sizes can lie.
 */
export const UNPACK_LIMIT_MB = 50;
const UNPACK_LIMIT = UNPACK_LIMIT_MB * 1024 * 1024;
/** Spreadsheet XML packs 5 to 30 times smaller; a part packed far tighter than this is a bomb. */
const MAX_RATIO = 200;
/** Parts smaller than this may pack as tightly as they like (styles, empty sheets). */
const SMALL_PART = 1024 * 1024;

const tooBig = (file: string) =>
  new ReturnReadError(file, `the spreadsheet unpacks to more than ${UNPACK_LIMIT_MB} MB, more than any providers list or postcode directory; save its first sheet as CSV and upload that instead`);

interface ZipEntry {
  name: string;
  method: number;
  packed: number;
  /** As declared in the table of contents: checked before inflating, but not trusted. */
  unpacked: number;
  local: number;
}

/** Where the table of contents (central directory) is, from the end of the file (the last 64 KiB + 22 bytes). */
function directoryPlace(tail: Buffer, file: string): { count: number; size: number; offset: number } {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      return { count: tail.readUInt16LE(i + 10), size: tail.readUInt32LE(i + 12), offset: tail.readUInt32LE(i + 16) };
    }
  }
  throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): the file is damaged or cut short');
}

function directoryEntries(dir: Buffer, count: number, file: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) {
      throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): its table of contents is damaged');
    }
    const nameLength = dir.readUInt16LE(at + 28);
    entries.push({
      method: dir.readUInt16LE(at + 10),
      packed: dir.readUInt32LE(at + 20),
      unpacked: dir.readUInt32LE(at + 24),
      local: dir.readUInt32LE(at + 42),
      name: dir.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
  }
  return entries;
}

/** Refuses a zip whose table of contents declares more than the limit, or a part packed like a bomb. */
function checkDeclaredSizes(entries: readonly ZipEntry[], file: string): void {
  let total = 0;
  for (const e of entries) {
    // 0xFFFFFFFF is a ZIP64 size, kept elsewhere: far beyond the limit in any case.
    total += e.unpacked;
    if (e.unpacked === 0xffffffff || total > UNPACK_LIMIT) throw tooBig(file);
    if (e.unpacked > SMALL_PART && e.unpacked > e.packed * MAX_RATIO) throw tooBig(file);
  }
}

/**
 * Checks a spreadsheet on disk against the unpacking limits without reading or inflating
 * it whole: only its table of contents is read. Anything that is not a zip passes.
 */
export async function checkSpreadsheetFile(path: string, file: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (position: number, length: number) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      await handle.read(buf, 0, buf.length, position);
      return buf;
    };
    if (!looksLikeZip(await read(0, 5))) return;
    const tailStart = Math.max(0, size - 65_557);
    const place = directoryPlace(await read(tailStart, size - tailStart), file);
    if (place.offset + place.size > size) throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): the file is damaged or cut short');
    checkDeclaredSizes(directoryEntries(await read(place.offset, place.size), place.count, file), file);
  } finally {
    await handle.close();
  }
}

/** The zip's files by name, unpacked on demand, never more than the limit in all. */
function zipEntries(bytes: Uint8Array, file: string): Map<string, () => Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const place = directoryPlace(buf.subarray(Math.max(0, buf.length - 65_557)), file);
  const list = directoryEntries(buf.subarray(place.offset, place.offset + place.size), place.count, file);
  checkDeclaredSizes(list, file);
  let budget = UNPACK_LIMIT;
  const entries = new Map<string, () => Buffer>();
  for (const { name, method, packed, local } of list) {
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + packed);
      let out: Buffer;
      if (method === 0) out = data;
      else if (method === 8) {
        try {
          // Inflating stops at what is left of the budget, whatever the table of contents said.
          out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(file);
          throw e;
        }
      } else throw new ReturnReadError(file, `not a readable spreadsheet (.xlsx): ${name} is packed in a way this reader does not know`);
      budget -= out.length;
      if (budget < 0) throw tooBig(file);
      return out;
    });
  }
  return entries;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ['sheet', 'Relationship', 'row', 'c', 'si', 'r'].includes(name),
});

type XmlNode = Record<string, unknown>;
const text = (t: unknown): string => (typeof t === 'string' ? t : t && typeof t === 'object' && '#text' in t ? String((t as XmlNode)['#text']) : '');

/** "AB12" → 27 (0-based column). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export function readXlsxRows(bytes: Uint8Array, file: string): string[][] {
  try {
    return readRows(bytes, file);
  } catch (e) {
    if (e instanceof ReturnReadError) throw e;
    // Offsets past the end, bad deflate data, broken XML: all mean a damaged file.
    throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): the file is damaged');
  }
}

function readRows(bytes: Uint8Array, file: string): string[][] {
  const entries = zipEntries(bytes, file);
  const part = (name: string) => {
    const get = entries.get(name);
    return get ? (parser.parse(get().toString('utf8')) as XmlNode) : undefined;
  };
  // The first sheet in the workbook's order, found through the workbook's relationships.
  const workbook = part('xl/workbook.xml');
  const first = ((workbook?.workbook as XmlNode | undefined)?.sheets as XmlNode | undefined)?.sheet as XmlNode[] | undefined;
  const rid = first?.[0]?.['@id'] as string | undefined;
  const rels = (part('xl/_rels/workbook.xml.rels')?.Relationships as XmlNode | undefined)?.Relationship as XmlNode[] | undefined;
  const target = rels?.find((r) => r['@Id'] === rid)?.['@Target'] as string | undefined;
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = part(sheetPath);
  if (!sheet) throw new ReturnReadError(file, 'not a spreadsheet (.xlsx): it has no worksheet');

  const shared = ((part('xl/sharedStrings.xml')?.sst as XmlNode | undefined)?.si as XmlNode[] | undefined ?? []).map((si) =>
    si.t !== undefined ? text(si.t) : ((si.r as XmlNode[] | undefined) ?? []).map((r) => text(r.t)).join(''),
  );
  const rows: string[][] = [];
  const data = ((sheet.worksheet as XmlNode | undefined)?.sheetData as XmlNode | undefined)?.row as XmlNode[] | undefined;
  for (const row of data ?? []) {
    const cells: string[] = [];
    for (const c of (row.c as XmlNode[] | undefined) ?? []) {
      const col = columnOf(String(c['@r'] ?? ''));
      const at = col >= 0 ? col : cells.length;
      const type = c['@t'];
      let value = '';
      if (type === 's') value = shared[Number(text(c.v))] ?? '';
      else if (type === 'inlineStr') value = text((c.is as XmlNode | undefined)?.t);
      else value = text(c.v);
      while (cells.length < at) cells.push('');
      cells[at] = value.trim();
    }
    rows.push(cells);
  }
  return rows;
}

/** A date written as Excel's day count (days since 30 December 1899), as dd/mm/yyyy; otherwise undefined. */
export function excelSerialDate(value: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(value)) return undefined;
  const days = Math.floor(Number(value));
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
