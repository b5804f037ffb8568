/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of cell text, enough to read the
 * lists authorities are sent as spreadsheets (Ofsted's providers lists). An .xlsx file is a
 * zip of XML parts: the worksheet, and the strings it shares with other sheets.
 */
import { inflateRawSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { ReturnReadError } from './findings.js';

/** True when the bytes start as a zip file does (an .xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** The zip's files by name, unpacked on demand. */
function zipEntries(bytes: Uint8Array, file: string): Map<string, () => Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record is in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): the file is damaged or cut short');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) {
      throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): its table of contents is damaged');
    }
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new ReturnReadError(file, `not a readable spreadsheet (.xlsx): ${name} is packed in a way this reader does not know`);
    });
    at += 46 + skip;
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
