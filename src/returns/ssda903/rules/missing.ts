/**
 * Missing rules 564-586 and 1004-1006: periods a child was missing or away from
 * placement without authorisation, their dates, and how they fit the child's care.
 */
import type { Return903, Table903 } from '../model.js';
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { codeSet, dates, episodesInOrder, parseDate, rowsByChild } from '../values.js';
import { blank, childRows, endsInCare, episodeLinks, episodeOn, yearEnd, yearStart } from './helpers.js';

/** A rule over each Missing row alone. */
function eachPeriod(code: string, wrong: (ret: Return903, missing: Table903, i: number) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const missing = ret.current.Missing;
    if (!missing) return;
    for (let i = 0; i < missing.rows.length; i++) if (wrong(ret, missing, i)) flag(missing, i);
  });
}

const row = (m: Table903, i: number) => m.rows[i]!;

export const rule564 = eachPeriod('564', (_r, m, i) => !blank(row(m, i).MISSING) && blank(row(m, i).MIS_START));
export const rule565 = eachPeriod('565', (_r, m, i) => !blank(row(m, i).MIS_START) && blank(row(m, i).MISSING));
export const rule566 = eachPeriod('566', (_r, m, i) => !blank(row(m, i).MIS_END) && blank(row(m, i).MISSING));
export const rule567 = eachPeriod('567', (_r, m, i) => dates(m, 'MIS_END')[i]! < dates(m, 'MIS_START')[i]!);
export const rule570 = eachPeriod('570', (r, m, i) => dates(m, 'MIS_START')[i]! > yearEnd(r));
export const rule571 = eachPeriod('571', (r, m, i) => {
  const end = dates(m, 'MIS_END')[i]!;
  return end < yearStart(r) || end > yearEnd(r);
});
export const rule586 = eachPeriod('586', (_r, m, i) => dates(m, 'MIS_START')[i]! < dates(m, 'DOB')[i]!);
// A missing period has a start date: blank is not a valid date either.
export const rule1004 = eachPeriod('1004', (_r, m, i) => parseDate(row(m, i).MIS_START) === null);
export const rule1005 = eachPeriod('1005', (_r, m, i) => !blank(row(m, i).MIS_END) && parseDate(row(m, i).MIS_END) === null);
export const rule1006 = eachPeriod('1006', (r, m, i) => {
  const v = row(m, i).MISSING;
  return !blank(v) && !codeSet('Missing', 'MISSING', r.collectionYear).has(v);
});

export const rule574 = defineRule('574', (ret, flag) => {
  const missing = ret.current.Missing;
  if (!missing) return;
  const start = dates(missing, 'MIS_START');
  const end = dates(missing, 'MIS_END');
  for (const rows of rowsByChild(missing).values()) {
    if (rows.length < 2) continue;
    const order = rows.filter((i) => !Number.isNaN(start[i]!)).sort((a, b) => start[a]! - start[b]! || a - b);
    for (let k = 1; k < order.length; k++) {
      const before = order[k - 1]!;
      const i = order[k]!;
      // A period that starts while the one before is still open, or before it ended.
      if (Number.isNaN(end[before]!) || start[i]! < end[before]!) flag(missing, i);
    }
  }
});

export const rule575 = defineRule('575', (ret, flag) => {
  const missing = ret.current.Missing;
  const eps = ret.current.Episodes;
  if (!missing || !eps) return;
  const start = dates(missing, 'MIS_START');
  const dec = dates(eps, 'DEC');
  const orders = episodesInOrder(eps);
  missing.rows.forEach((r, i) => {
    if (!blank(r.MIS_END) || Number.isNaN(start[i]!)) return;
    const order = orders.get(r.CHILD ?? '');
    if (!order) return;
    const e = episodeOn(eps, order, start[i]!);
    // The placement the child went missing from has ended.
    if (e >= 0 && !Number.isNaN(dec[e]!)) flag(missing, i);
  });
});

export const rule576 = defineRule('576', (ret, flag) => {
  const missing = ret.current.Missing;
  const last = ret.previous.Missing;
  if (!missing || !last) return;
  const start = dates(missing, 'MIS_START');
  const lastStart = dates(last, 'MIS_START');
  last.rows.forEach((r, j) => {
    if (!blank(r.MIS_END) || Number.isNaN(lastStart[j]!)) return;
    const all = childRows(missing, r.CHILD ?? null);
    if (all.length === 0 || all.some((i) => start[i] === lastStart[j])) return;
    // This year's first period should be the one carried over (with no start dates, the first row).
    const dated = all.filter((i) => !Number.isNaN(start[i]!));
    flag(missing, dated.length ? dated.reduce((a, b) => (start[b]! < start[a]! ? b : a)) : all[0]!);
  });
});

/**
 * The episode each Missing row's start falls in (started on or before it, and open or
 * ended on or after it), or -1 when the child was not looked after that day.
 */
function episodeOfPeriod(ret: Return903): Int32Array {
  const missing = ret.current.Missing!;
  const eps = ret.current.Episodes;
  const start = dates(missing, 'MIS_START');
  const out = new Int32Array(missing.rows.length).fill(-1);
  if (!eps) return out;
  const orders = episodesInOrder(eps);
  missing.rows.forEach((r, i) => {
    const order = orders.get(r.CHILD ?? '');
    if (order && !Number.isNaN(start[i]!)) out[i] = episodeOn(eps, order, start[i]!);
  });
  return out;
}

/**
 * Whether any of the child's episodes has a start date that can be read: when none has,
 * when care began is unknown and a missing period cannot be shown to fall outside it
 * (the dates themselves are reported by the episode date rules).
 */
function careDated(eps: Table903, child: string | null): boolean {
  const decom = dates(eps, 'DECOM');
  return childRows(eps, child).some((e) => !Number.isNaN(decom[e]!));
}

/**
 * 577: a missing period ends while the child is looked after: its end date falls in an
 * episode of care, or, with no end date, the period of care it began in is still open.
 */
export const rule577 = defineRule('577', (ret, flag) => {
  const missing = ret.current.Missing;
  const eps = ret.current.Episodes;
  if (!missing || !eps) return;
  const start = dates(missing, 'MIS_START');
  const end = dates(missing, 'MIS_END');
  missing.rows.forEach((r, i) => {
    if (careDated(eps, r.CHILD ?? null) && !endsInCare(eps, r.CHILD ?? null, start[i]!, end[i]!)) flag(missing, i);
  });
});

/** A missing period that starts when the child was not looked after (before care began, between periods or after it ended). */
function startsOutsideCare(code: string, blankStart: boolean, needsDatedCare: boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const missing = ret.current.Missing;
    const eps = ret.current.Episodes;
    if (!missing || !eps) return;
    const start = dates(missing, 'MIS_START');
    const within = episodeOfPeriod(ret);
    missing.rows.forEach((r, i) => {
      if (!childRows(eps, r.CHILD ?? null).length) return;
      if (needsDatedCare && !careDated(eps, r.CHILD ?? null)) return;
      if (Number.isNaN(start[i]!) ? blankStart : within[i]! < 0) flag(missing, i);
    });
  });
}

// 581 (not yet looked after) still reports a child whose every start date is unreadable, as the reference does.
export const rule578 = startsOutsideCare('578', false, true);
export const rule581 = startsOutsideCare('581', true, false);

/** The day each child ceased to be looked after: the last episode's end when its reason is not X1. */
function ceased(eps: Table903): ReadonlyMap<string, number> {
  const dec = dates(eps, 'DEC');
  const out = new Map<string, number>();
  for (const [child, i] of episodeLinks(eps).last) {
    const rec = eps.rows[i]!.REC;
    if (!blank(rec) && rec !== 'X1' && !Number.isNaN(dec[i]!)) out.set(child, i);
  }
  return out;
}

export const rule580 = defineRule('580', (ret, flag) => {
  const missing = ret.current.Missing;
  const eps = ret.current.Episodes;
  if (!missing || !eps) return;
  const start = dates(missing, 'MIS_START');
  const end = dates(missing, 'MIS_END');
  const dec = dates(eps, 'DEC');
  for (const [child, e] of ceased(eps)) {
    if (eps.rows[e]!.REC === 'E8') continue;
    // Missing on the day care ended: the period began by then and had not ended.
    const away = childRows(missing, child).some((i) => start[i]! <= dec[e]! && (Number.isNaN(end[i]!) || end[i]! > dec[e]!));
    if (away) flag(eps, e);
  }
});

export const missingRules: Rule903[] = [
  rule564,
  rule565,
  rule566,
  rule567,
  rule570,
  rule571,
  rule574,
  rule575,
  rule576,
  rule577,
  rule578,
  rule580,
  rule581,
  rule586,
  rule1004,
  rule1005,
  rule1006,
];
