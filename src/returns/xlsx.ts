/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of cell text, enough to read the
 * lists authorities are sent as spreadsheets (Ofsted's providers lists). An .xlsx file is a
 * zip of XML parts: the worksheet, and the strings it shares with other sheets.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
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
  new ReturnReadError(
    file,
    `the spreadsheet unpacks to more than ${UNPACK_LIMIT_MB} MB, more than any providers list or postcode directory; save its first sheet as CSV and upload that instead`,
  );

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
    if (place.offset + place.size > size)
      throw new ReturnReadError(file, 'not a readable spreadsheet (.xlsx): the file is damaged or cut short');
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
  const text = (name: string) => entries.get(name)?.().toString('utf8');
  // The first sheet in the workbook's order, found through the workbook's relationships.
  let rid: string | undefined;
  scanTags(text('xl/workbook.xml') ?? '', (name, kind, attrs) => {
    if (name === 'sheet' && kind !== 'end' && rid === undefined) rid = attribute(attrs, 'id');
  });
  let target: string | undefined;
  scanTags(text('xl/_rels/workbook.xml.rels') ?? '', (name, kind, attrs) => {
    if (name === 'Relationship' && kind !== 'end' && rid !== undefined && target === undefined && attribute(attrs, 'Id') === rid)
      target = attribute(attrs, 'Target');
  });
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = text(sheetPath);
  if (sheet === undefined) throw new ReturnReadError(file, 'not a spreadsheet (.xlsx): it has no worksheet');
  const shared = text('xl/sharedStrings.xml');
  return sheetRows(sheet, shared === undefined ? [] : sharedStrings(shared));
}

// ---------------------------------------------------------------------------
// The XML parts, read by a scanner made for the elements a workbook uses: the worksheet
// and its shared strings hold every cell (a real providers list has half a million), and a
// general XML parser building a tree of them took seconds.

/** Calls `tag` for each start, end or empty element tag, with its name less any namespace prefix. */
function scanTags(xml: string, tag: (name: string, kind: 'start' | 'end' | 'empty', attrs: string, after: number) => void): void {
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    const c = xml.charCodeAt(i + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      // comment, CDATA section, declaration or processing instruction: not an element
      const close = xml.startsWith('<!--', i) ? '-->' : xml.startsWith('<![CDATA[', i) ? ']]>' : '>';
      const end = xml.indexOf(close, i + 2);
      if (end < 0) return;
      i = xml.indexOf('<', end + close.length);
      continue;
    }
    const gt = xml.indexOf('>', i + 1);
    if (gt < 0) throw new Error('unclosed tag');
    const closing = c === 47; /* / */
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    let nameEnd = i + (closing ? 2 : 1);
    const nameStart = nameEnd;
    for (; nameEnd < gt; nameEnd++) {
      const ch = xml.charCodeAt(nameEnd);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
    }
    let name = xml.slice(nameStart, nameEnd);
    const colon = name.indexOf(':');
    if (colon >= 0) name = name.slice(colon + 1);
    tag(name, closing ? 'end' : selfClosing ? 'empty' : 'start', closing ? '' : xml.slice(nameEnd, selfClosing ? gt - 1 : gt), gt + 1);
    i = xml.indexOf('<', gt + 1);
  }
}

/** An element's text, from just after its start tag: entities decoded, CDATA kept as written. */
function textAt(xml: string, from: number): string {
  let out = '';
  let i = from;
  for (;;) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    out += decodeEntities(xml.slice(i, end));
    if (lt >= 0 && xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) throw new Error('unclosed CDATA');
      out += xml.slice(lt + 9, close);
      i = close + 3;
      continue;
    }
    return out;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The attributes read: a cell's reference (r="B7") and type (t="s"), a sheet's relationship, its target; whatever their namespace prefix. */
const ATTRIBUTES = Object.fromEntries(
  (['r', 't', 'id', 'Id', 'Target'] as const).map((name) => [
    name,
    new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`),
  ]),
) as Record<'r' | 't' | 'id' | 'Id' | 'Target', RegExp>;

function attribute(attrs: string, name: keyof typeof ATTRIBUTES): string | undefined {
  // as Excel writes them (` t="s"`), found without a regular expression: there is one per cell
  const plain = attrs.indexOf(` ${name}="`);
  if (plain >= 0) {
    const from = plain + name.length + 3;
    const to = attrs.indexOf('"', from);
    if (to >= 0) return decodeEntities(attrs.slice(from, to));
  }
  const m = ATTRIBUTES[name].exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : undefined;
}

/**
 * The shared strings table: each <si>'s text, from its <t>, or its runs' <t>s joined
 * (leaving out phonetic guides, <rPh>).
 */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let phonetic = 0;
  scanTags(xml, (name, kind, _attrs, after) => {
    if (name === 'si') {
      if (kind === 'start') current = '';
      else {
        out.push(current ?? '');
        current = null;
      }
    } else if (name === 'rPh') {
      if (kind === 'start') phonetic++;
      else if (kind === 'end') phonetic--;
    } else if (name === 't' && kind === 'start' && current !== null && phonetic === 0) {
      current += textAt(xml, after);
    }
  });
  return out;
}

/** The sheet's rows as cell text (trimmed), each cell at its column, gaps filled with "". */
function sheetRows(xml: string, shared: readonly string[]): string[][] {
  const rows: string[][] = [];
  let cells: string[] | null = null;
  let cell: { at: number; type: string | undefined; value: string; inline: string | null } | null = null;
  let phonetic = 0;
  const put = () => {
    if (!cells || !cell) return;
    let value: string;
    if (cell.type === 's') value = shared[Number(cell.value)] ?? '';
    else if (cell.type === 'inlineStr') value = cell.inline ?? '';
    else value = cell.value;
    while (cells.length < cell.at) cells.push('');
    cells[cell.at] = value.trim();
    cell = null;
  };
  scanTags(xml, (name, kind, attrs, after) => {
    switch (name) {
      case 'row':
        if (kind === 'start' || kind === 'empty') cells = [];
        if (kind === 'end' || kind === 'empty') {
          rows.push(cells ?? []);
          cells = null;
        }
        break;
      case 'c':
        if (kind === 'end') put();
        else if (cells) {
          const col = columnOf(attribute(attrs, 'r') ?? '');
          cell = { at: col >= 0 ? col : cells.length, type: attribute(attrs, 't'), value: '', inline: null };
          if (kind === 'empty') put();
        }
        break;
      case 'v':
        if (kind === 'start' && cell) cell.value = textAt(xml, after);
        break;
      case 'is':
        if (kind === 'start' && cell) cell.inline = '';
        break;
      case 'rPh':
        if (kind === 'start') phonetic++;
        else if (kind === 'end') phonetic--;
        break;
      case 't':
        if (kind === 'start' && cell && cell.inline !== null && phonetic === 0) cell.inline += textAt(xml, after);
        break;
    }
  });
  return rows;
}

/** A date written as Excel's day count (days since 30 December 1899), as dd/mm/yyyy; otherwise undefined. */
export function excelSerialDate(value: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(value)) return undefined;
  const days = Math.floor(Number(value));
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
