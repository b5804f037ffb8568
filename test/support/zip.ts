import { crc32, createDeflateRaw } from 'node:zlib';

/** One file inside a zip: its text, or a text repeated to a size (to make a zip bomb). */
export interface ZipPart {
  name: string;
  text: string;
  repeat?: { text: string; bytes: number };
  end?: string;
}

/** Deflates a part piece by piece, so a part of hundreds of MB never sits in memory. */
async function deflated(part: ZipPart): Promise<{ packed: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let size = 0;
  let crc = 0;
  const write = async (chunk: Buffer) => {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(part.text));
  if (part.repeat) {
    const block = Buffer.from(part.repeat.text.repeat(Math.max(1, Math.floor((1 << 20) / part.repeat.text.length))));
    for (let n = 0; n < part.repeat.bytes; n += block.length) await write(block);
  }
  await write(Buffer.from(part.end ?? ''));
  deflate.end();
  await done;
  return { packed: Buffer.concat(out), size, crc };
}

/**
 * A zip file (an .xlsx is one). `declaredSize` overrides the unpacked sizes its table of
 * contents states, as a zip bomb may, to test that the real inflated bytes are counted.
 */
export async function makeZip(parts: ZipPart[], opts: { declaredSize?: number } = {}): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { packed, size, crc } = await deflated(part);
    const name = Buffer.from(part.name);
    const declared = opts.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A workbook whose one sheet unpacks to `bytes` of rows: a providers list as a zip bomb. */
export function spreadsheetBomb(bytes: number, opts: { declaredSize?: number } = {}): Promise<Buffer> {
  return makeZip(
    [
      {
        name: 'xl/worksheets/sheet1.xml',
        text: '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>URN</t></is></c></row>',
        repeat: { text: '<row><c t="inlineStr"><is><t>SC000001</t></is></c><c t="inlineStr"><is><t>K2</t></is></c></row>', bytes },
        end: '</sheetData></worksheet>',
      },
    ],
    opts,
  );
}
