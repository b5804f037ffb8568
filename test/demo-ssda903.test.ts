/**
 * The demo authority's SSDA903 is clean but for what docs/RETURNS.md lists under "The demo's
 * SSDA903": a smaller demo's return for the collection year its day falls in, built from its
 * record with the year before, raises no rule but those, each only for the children the docs
 * say, and none but on the tables not built from the record yet. Written out and read back,
 * the files validate the same.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rows } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { buildDemoAuthority } from '../src/demo/build.js';
import type { Finding } from '../src/returns/findings.js';
import { read903 } from '../src/returns/ssda903/read.js';
import { TABLE_NAMES } from '../src/returns/ssda903/model.js';
import { ruleText } from '../src/returns/ssda903/rule-texts.js';
import { validate903 } from '../src/returns/ssda903/validate.js';
import { write903 } from '../src/returns/ssda903/write.js';
import { type Checked903, collectionYearOf, returnFromRecord } from '../src/ssda903-return/ssda903.js';

const TODAY = '2026-12-07';
const YEAR = collectionYearOf(TODAY);
const YEAR_END = `${YEAR}-03-31`;

/** The rule codes in the first column of the table in docs/RETURNS.md's section on the demo's SSDA903. */
function plantedRules(): Set<string> {
  const doc = readFileSync(new URL('../docs/RETURNS.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith("The demo's SSDA903"));
  if (!section) throw new Error('docs/RETURNS.md has no section "The demo\'s SSDA903"');
  // the codes are DfE's: digits, some with a letter (197B), or SW and digits with a stage (SW17STG2)
  return new Set([...section.matchAll(/^\| (\d+[A-Z]?|SW\d+[a-z]?STG\d) \|/gm)].map((m) => m[1]!));
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

for (const kind of await testDatabases()) {
  describe(`the demo's SSDA903, on ${kind.name}`, () => {
    let database: Database;
    let checked: Checked903;
    const planted = plantedRules();
    /** The record's child by the return's CHILD. */
    const childOf = new Map<string, { id: string; dob: string }>();
    /** Each child's latest SDQ on the record. */
    const latestSdq = new Map<string, string>();

    beforeAll(async () => {
      database = await kind.open();
      await buildDemoAuthority(database.db, { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), scale: 0.05 });
      checked = await returnFromRecord(database.db, YEAR, { localAuthority: 'E08000003' });
      const header = checked.current.tables.Header!;
      header.rows.forEach((row, i) => {
        const dob = row.DOB!;
        childOf.set(row.CHILD!, {
          id: checked.current.sources.Header![i]!.childId,
          dob: `${dob.slice(6)}-${dob.slice(3, 5)}-${dob.slice(0, 2)}`,
        });
      });
      for (const r of await rows<{ child_id: string; latest: string }>(
        database.db,
        sql`select child_id, max(completed_date)::text as latest from cla_sdq_scores group by child_id`,
      ))
        latestSdq.set(r.child_id, r.latest);
    }, 300_000);
    afterAll(() => database?.close());

    /** Whether the child ceased to be looked after in the year: an episode of theirs ended for a reason other than X1. */
    const ceased = (child: string) =>
      checked.current.tables.Episodes!.rows.some((e) => e.CHILD === child && e.REC !== null && e.REC !== 'X1');

    /** Whether the child has an episode in this year's return or last year's. */
    const everLookedAfterInTwoYears = (child: string) =>
      [checked.current.tables.Episodes!, checked.previous.tables.Episodes!].some((t) => t.rows.some((e) => e.CHILD === child));

    /** An OC3 row's 17th to 21st birthday in the collection year, from its DOB. */
    const oc3Birthday = (row: number) => {
      const dob = checked.current.tables.OC3!.rows[row - 1]!.DOB!;
      const iso = `${dob.slice(6)}-${dob.slice(3, 5)}-${dob.slice(0, 2)}`;
      return [17, 18, 19, 20, 21].map((n) => addYears(iso, n)).find((d) => d >= `${YEAR - 1}-04-01` && d <= YEAR_END)!;
    };
    /** Whether the OC3 row's contact window (three months before the birthday to a month after) has yet to close. */
    const oc3WindowOpen = (row: number) => {
      const [y, m, d] = oc3Birthday(row).split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10) > TODAY;
    };
    /** Whether the OC3 row's young person was in touch at the contact nearest their birthday, with `column` not recorded there. */
    const inTouchWithout = (row: number, column: 'ACTIV' | 'ACCOM') => {
      const r = checked.current.tables.OC3!.rows[row - 1]!;
      return r.IN_TOUCH === 'YES' && r[column] === null;
    };
    const oc3Planted: Record<string, (row: number) => boolean> = {
      IN_TOUCH: oc3WindowOpen,
      ACTIV: (row) => oc3WindowOpen(row) || inTouchWithout(row, 'ACTIV'),
      ACCOM: (row) => oc3WindowOpen(row) || inTouchWithout(row, 'ACCOM'),
    };

    /** For each planted rule, the children it may be about (docs/RETURNS.md says why). */
    const plantedFor: Record<string, (f: Finding) => boolean> = {
      // the child left care in the year and their case closed: no social worker since
      SW11bSTG2: (f) => ceased(f.childId!),
      SW17STG2: (f) => ceased(f.childId!),
      // the year is not over: the child's yearly SDQ falls due between the demo's day and 31 March
      '186': (f) => {
        const latest = latestSdq.get(childOf.get(f.childId!)!.id);
        return latest !== undefined && addYears(latest, 1) >= TODAY;
      },
      // a child who turns 4 or 17 in the year, with no SDQ in it: the demo's yearly SDQ fell while they were 3 or 17
      '197B': (f) => {
        const dob = childOf.get(f.childId!)!.dob;
        const yearStart = `${YEAR - 1}-04-01`;
        return addYears(dob, 4) > yearStart || addYears(dob, 17) <= YEAR_END;
      },
      // a care leaver whose care ended before last year: the two years' episodes the rule reads do not show it (DfE's own note)
      '1001': (f) => !everLookedAfterInTwoYears(f.childId!),
      '1002': (f) => !everLookedAfterInTwoYears(f.childId!),
      // a placement of the record's Z1, which DfE's list has divided into Z11 to Z14 (no URN) since 2025/26
      '218': (f) => f.table === 'Episodes' && checked.current.tables.Episodes!.rows[f.row! - 1]?.PLACE === 'Z1',
      // the year is not over (the contact around the birthday is still to come), or, as in 2014,
      // the contact around it found the young person in touch and did not record their activity
      // or accommodation
      '131': (f) => f.table === 'OC3' && oc3Planted.IN_TOUCH!(f.row!),
      '132': (f) => f.table === 'OC3' && oc3Planted.ACTIV!(f.row!),
      '133': (f) => f.table === 'OC3' && oc3Planted.ACCOM!(f.row!),
      '153': (f) => f.table === 'OC3' && (oc3Planted.ACTIV!(f.row!) || oc3Planted.ACCOM!(f.row!)),
      // the year is not over: the child is looked after today and turns 18 by 31 March
      '359': (f) => {
        const eighteen = addYears(childOf.get(f.childId!)!.dob, 18);
        return eighteen > TODAY && eighteen <= YEAR_END;
      },
    };

    it('lists the planted problems in the docs, each with the children it is about', () => {
      expect([...planted].sort()).toEqual(Object.keys(plantedFor).sort());
    });

    it('builds the year the demo’s day falls in, with every cell within the year’s columns', () => {
      expect(YEAR).toBe(2027);
      expect(checked.current.tables.Header!.rows.length).toBeGreaterThan(50);
      expect(checked.previous.tables.Header!.rows.length).toBeGreaterThan(50);
      // but the OC3 cells the planted rules 131 to 133 are about, each for the reason they are planted
      const unplanted = checked.columnProblems.filter((p) => {
        const blankOc3 = /^OC3 row (\d+) (IN_TOUCH|ACTIV|ACCOM): blank, and it is required$/.exec(p);
        return !(blankOc3 && oc3Planted[blankOc3[2]!]!(Number(blankOc3[1])));
      });
      expect(unplanted).toEqual([]);
    });

    it('raises no rule but the planted ones, for the children the docs say, and those on tables not built yet', () => {
      const notBuilt = new Set<string>(checked.current.notBuilt);
      const unexpected = checked.findings.filter((f) => {
        if (planted.has(f.rule)) return !plantedFor[f.rule]!(f);
        // a rule that asks for a table the record does not fill yet
        return !ruleText(f.rule).tables.some((t) => notBuilt.has(t));
      });
      expect(unexpected.map((f) => `${f.rule} ${f.table} row ${f.row} child ${f.childId}`)).toEqual([]);
      // what the planted ones are about is in the demo
      const fired = new Set(checked.findings.map((f) => f.rule));
      expect(fired.has('SW17STG2')).toBe(true);
    });

    it('sends the deprivation of liberty orders in force in the year, open and ended, and no DoLo rule fires', () => {
      const dolo = checked.current.tables.DoLo!.rows;
      expect(dolo.length).toBeGreaterThan(0);
      expect(dolo.some((r) => r.DOLO_END === null)).toBe(true);
      const inHeader = new Set(checked.current.tables.Header!.rows.map((r) => r.CHILD));
      expect(dolo.filter((r) => !inHeader.has(r.CHILD))).toEqual([]);
      expect(checked.findings.filter((f) => f.table === 'DoLo').map((f) => `${f.rule} row ${f.row}`)).toEqual([]);
    });

    it('sends a reason and a registration number for every social worker, and a mother status for every girl looked after', () => {
      const sw = checked.current.tables.SWEpisodes!.rows;
      expect(sw.length).toBeGreaterThan(100);
      expect(sw.filter((r) => r.SW_REASON === null)).toEqual([]);
      expect(sw.filter((r) => !/^SW\d+$/.test(r.SW_ID ?? ''))).toEqual([]);
      const lookedAfter = new Set(checked.current.tables.Episodes!.rows.map((e) => e.CHILD));
      const girls = checked.current.tables.Header!.rows.filter((r) => r.SEX === 'F');
      expect(girls.filter((r) => lookedAfter.has(r.CHILD) && r.MOTHER !== '0' && r.MOTHER !== '1')).toEqual([]);
      // a care leaver in the return for the OC3 row alone has none (rule 628)
      expect(girls.filter((r) => !lookedAfter.has(r.CHILD) && r.MOTHER !== null)).toEqual([]);
    });

    it('reads back from its files as it was written, and validates the same', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'demo-903-'));
      try {
        await write903(checked.current.tables, join(dir, 'current'));
        await write903(checked.previous.tables, join(dir, 'previous'));
        const read = await read903({
          current: [join(dir, 'current')],
          previous: [join(dir, 'previous')],
          reference: { localAuthority: 'E08000003' },
        });
        expect(read.collectionYear).toBe(YEAR);
        for (const name of TABLE_NAMES) {
          expect(read.current[name]?.rows, name).toEqual(checked.current.tables[name]?.rows);
          expect(read.previous[name]?.rows, `${name} last year`).toEqual(checked.previous.tables[name]?.rows);
        }
        expect(validate903(read)).toEqual(checked.findings);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
