import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReturnReadError } from '../findings.js';
import { generateCin } from './tooling/generate.js';
import { readCin, schemaIssueNotes } from './read.js';
import { validateCin } from './validate.js';
import { writeCin } from './write.js';

const FILE = 'cin-2025.xml';
const small = generateCin({ children: 3, year: 2025, seed: 4 }).ret;
const xml = writeCin(small);

function lineOf(text: string): number {
  return xml.slice(0, xml.indexOf(text)).split('\n').length;
}

/** The error a read raises, or null when it reads. */
function readError(input: string | Buffer, opts: { year?: number } = {}): ReturnReadError | null {
  try {
    readCin(input, { file: FILE, ...opts });
    return null;
  } catch (e) {
    if (e instanceof ReturnReadError) return e;
    throw e;
  }
}

describe('reading a CIN census message', () => {
  it('reads every child in message order, with the line each starts on', () => {
    const ret = readCin(xml, { file: FILE });
    expect(ret.year).toBe(2025);
    expect(ret.children.map((c) => c.identifiers.LAchildID)).toEqual(small.children.map((c) => c.identifiers.LAchildID));
    const lines = xml.split('\n');
    for (const line of ret.source!.childLines) expect(lines[line - 1]!.trim()).toBe('<Child>');
    expect(ret.source!.childLines).toHaveLength(3);
    expect(ret.source!.issues).toEqual([]);
  });

  it('reads a Buffer, with or without a byte order mark', () => {
    expect(readCin(Buffer.from(xml), { file: FILE }).children).toHaveLength(3);
    expect(readCin(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), { file: FILE }).children).toHaveLength(3);
  });

  it('reads a file declared as ISO-8859-1', () => {
    const latin = xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('<SoftwareCode>OpenCSC', '<SoftwareCode>Caf\u00e9');
    const ret = readCin(Buffer.from(latin, 'latin1'), { file: FILE });
    expect(ret.header!.Source[0]!.SoftwareCode).toBe('Caf\u00e9');
  });

  it('takes the year from the header, or from the caller', () => {
    const noHeader = xml.replace(/<Header>[\s\S]*<\/Header>\n/, '');
    expect(readError(noHeader)?.message).toMatch(/cin-2025\.xml \(Header\): cannot tell which collection year/);
    expect(readCin(noHeader, { file: FILE, year: 2024 }).year).toBe(2024);
    expect(readError(xml.replace('2025-03-31', '2021-03-31'))?.message).toMatch(/collection year 2021 is not one this validator knows/);
  });

  it('gives the schema notes to the person running it, a day-first date among them, at most 20 and a count', () => {
    const dayFirst = xml.replace(/<CINreferralDate>[^<]+<\/CINreferralDate>/, '<CINreferralDate>31/03/2025</CINreferralDate>');
    const notes = schemaIssueNotes(readCin(dayFirst, { file: FILE }).source);
    expect(notes).toContainEqual(expect.stringMatching(/CINreferralDate\): "31\/03\/2025" is not a date/));
    const strays = Array.from({ length: 25 }, (_, n) => `<Stray${n}>x</Stray${n}>`).join('');
    const many = xml.replace(/(<\/ChildCharacteristics>)/, `${strays}$1`);
    const capped = schemaIssueNotes(readCin(many, { file: FILE }).source);
    expect(capped).toHaveLength(21);
    expect(capped[20]).toMatch(/^and \d+ more places where the file departs from the schema$/);
  });

  it('keeps wrong codes and broken dates for the rules, and says where they are', () => {
    const bad = xml
      .replace(/<Ethnicity>\w+<\/Ethnicity>/, '<Ethnicity>ZZZZ</Ethnicity>')
      .replace(/<CINreferralDate>[^<]+<\/CINreferralDate>/, '<CINreferralDate>2024-02-30</CINreferralDate>');
    const ret = readCin(bad, { file: FILE });
    expect(ret.children[0]!.characteristics.Ethnicity).toBe('ZZZZ');
    const messages = ret.source!.issues.map((i) => i.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^cin-2025\.xml \(line \d+, child 1 \(LAchildID SYN0000001\), ChildCharacteristics\/Ethnicity\): "ZZZZ" is not in the 2025 code list for Ethnicity$/,
      ),
    );
    expect(messages).toContainEqual(expect.stringMatching(/CINdetails\[1\]\/CINreferralDate\): "2024-02-30" is not a date/));
    const rules = new Set(
      validateCin(ret)
        .filter((f) => f.row === 1)
        .map((f) => f.rule),
    );
    expect(rules).toContain('4220');
    expect(rules).toContain('8600');
  });

  it('reads GenderCurrent in a year whose schema calls it Sex, and says so', () => {
    const ret = readCin(xml.replace(/<Sex>(\w)<\/Sex>/, '<GenderCurrent>1</GenderCurrent>'), { file: FILE });
    expect(ret.children[0]!.identifiers.Sex).toBe('1');
    expect(ret.source!.issues[0]!.problem).toMatch(/calls this element <Sex>, not <GenderCurrent>/);
    expect(validateCin(ret, { rules: ['4180'] }).map((f) => f.row)).toEqual([1]);
  });

  it('notes elements the schema does not have', () => {
    const ret = readCin(xml.replace('<ReferralNFA>', '<CINReferralDate>2024-05-01</CINReferralDate><ReferralNFA>'), { file: FILE });
    expect(ret.source!.issues.map((i) => i.problem)).toContain('<CINReferralDate> is not an element of the CIN census schema here');
  });
});

describe('a file that cannot be read', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), /^cin-2025\.xml: the file is empty \(0 bytes\)$/],
    ['white space only', '  \n\n ', /holds no XML/],
    ['a CSV file', 'CHILD,SEX,DOB\n1,1,01/01/2015\n', /cin-2025\.xml \(line 1, column \d+\): the file is not XML/],
    ['a cut-short file', xml.slice(0, Math.floor(xml.length / 2)), /cin-2025\.xml \(line \d+, column \d+\): the XML is not well formed/],
    [
      'mismatched tags',
      xml.replace('</LAchildID>', '</LAChildID>'),
      new RegExp(`line ${lineOf('</LAchildID>')}, column \\d+\\): the XML is not well formed.*LAchildID`),
    ],
    ['another kind of XML', '<?xml version="1.0"?><Return><Header/></Return>', /not a CIN census message: its root element is <Return>/],
    ['a message with no children', '<Message><Header/></Message>', /<Message> has no <Children> element/],
    ['a DOCTYPE', `<!DOCTYPE Message [<!ENTITY a "aaaa">]>${xml.replace(/^<\?xml[^>]*>\n/, '')}`, /DOCTYPE/],
    ['binary that is not UTF-8', Buffer.from([0x3c, 0x4d, 0xff, 0xfe, 0x00, 0x3e]), /not valid UTF-8|not XML|not well formed/],
  ])('%s: a ReturnReadError naming the file and what is wrong, with no stack trace', (_what, input, message) => {
    const error = readError(input);
    expect(error).toBeInstanceOf(ReturnReadError);
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toMatch(/\n\s+at /);
    expect(error!.file).toBe(FILE);
  });
});

describe('fuzzing the reader', () => {
  type Mutation =
    | { kind: 'cut'; at: number }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'swap'; at: number; other: number };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('<', '>', '</Child>', '<Child>', '&', '&amp;', '<x/>', ']]>', '<!-- -->', '\u0000', '<CINdetails>'),
      ),
    }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  );

  function apply(text: string, m: Mutation): string {
    const at = m.at % (text.length + 1);
    switch (m.kind) {
      case 'cut':
        return text.slice(0, at);
      case 'delete':
        return text.slice(0, at) + text.slice(at + m.length);
      case 'insert':
        return text.slice(0, at) + m.text + text.slice(at);
      case 'duplicate':
        return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
      case 'swap': {
        const b = m.other % (text.length + 1);
        const [x, y] = at < b ? [at, b] : [b, at];
        return text.slice(0, x) + text.slice(y, y + 30) + text.slice(x + 30, y) + text.slice(x, x + 30) + text.slice(y + 30);
      }
    }
  }

  it('never fails except with a ReturnReadError, and what it reads can be validated', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutations.reduce(apply, xml);
        let ret;
        try {
          ret = readCin(text, { file: FILE });
        } catch (e) {
          expect(e).toBeInstanceOf(ReturnReadError);
          expect((e as Error).message.startsWith(FILE)).toBe(true);
          return;
        }
        expect(() => validateCin(ret)).not.toThrow();
      }),
      { numRuns: 400, seed: 20260401 },
    );
  });
});
