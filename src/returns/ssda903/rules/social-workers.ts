/**
 * Rules on the child's social workers (the SWEpisodes table, from 2023/24): each episode
 * is one social worker, from the day they took the child on (SW_DECOM) to the day they
 * stopped (SW_DEC, blank while still the child's social worker), with the reason the
 * social worker changed (SW_REASON).
 */
import type { Return903, Table903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { addYears, codeSet, dates, derived, inOrder, parseDate, rowsByChild } from '../values.js';
import { blank, childEpisodes, dateRule, RESPITE, yearEnd, yearStart } from './helpers.js';

/** Social worker data became part of the return from 1 April 2023: earlier episodes need no reason. */
const SW_DATA_BEGINS = parseDate('01/04/2023')!;

/**
 * First day of the social worker reporting period. In 2023/24, the first year, it was the
 * collection year; from 2024/25 it reaches back a year before the collection year begins.
 * The DfE message does not define the period; this is the reading the sector's reference
 * validator takes, and it keeps 2024/25's start at 1 April 2023, when the data began.
 */
export function socialWorkerPeriodStart(ret: Return903): number {
  const start = yearStart(ret);
  return ret.collectionYear <= 2024 ? start : addYears(start, -1);
}

/**
 * Each child's social worker episodes with a valid start date, in date order (by
 * SW_DECOM, then SW_DEC with open episodes last, then file order). Rows without a child
 * ID belong to no child, so are not taken as one child's episodes.
 */
export function socialWorkerEpisodes(sw: Table903): ReadonlyMap<string, readonly number[]> {
  return derived(sw, 'swInOrder', () => {
    const decom = dates(sw, 'SW_DECOM');
    const dec = dates(sw, 'SW_DEC');
    const open = (i: number) => (Number.isNaN(dec[i]!) ? Infinity : dec[i]!);
    const order = (a: number, b: number) => decom[a]! - decom[b]! || open(a) - open(b) || a - b;
    const out = new Map<string, readonly number[]>();
    rowsByChild(sw).forEach((rows, child) => {
      if (child === '') return;
      // Usually every start is a date and the file has them in order: then the child's
      // rows serve as they are (neither list is ever changed), with no copy and no sort.
      let allDated = true;
      for (const i of rows) if (Number.isNaN(decom[i]!)) allDated = false;
      const dated = allDated ? rows : rows.filter((i) => !Number.isNaN(decom[i]!));
      out.set(child, inOrder(dated, order) ? dated : dated.slice().sort(order));
    });
    return out;
  });
}

// ---------------------------------------------------------------------------
// Each episode complete and well formed

/**
 * Episodes begun before 1 April 2023 need a social worker ID and a start date (the reason may
 * be blank). A start date that is not a date cannot say which of SW01a and SW01b applies, so
 * both report it (as the reference validator does), beside SW04.
 */
export const ruleSW01aSTG1 = defineRule('SW01aSTG1', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  sw.rows.forEach((row, i) => {
    if (Number.isNaN(decom[i]!) || (decom[i]! < SW_DATA_BEGINS && blank(row.SW_ID))) flag(sw, i);
  });
});

/** Episodes begun on or after 1 April 2023 need a social worker ID, a start date and a reason. */
export const ruleSW01bSTG1 = defineRule('SW01bSTG1', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  sw.rows.forEach((row, i) => {
    if (Number.isNaN(decom[i]!) || (decom[i]! >= SW_DATA_BEGINS && (blank(row.SW_ID) || blank(row.SW_REASON)))) flag(sw, i);
  });
});

/** A social worker ID begins SW or XX, as the DfE asks; a blank one begins with neither. */
export const ruleSW02STG1 = defineRule('SW02STG1', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  sw?.rows.forEach((row, i) => {
    const id = row.SW_ID ?? '';
    if (!id.startsWith('SW') && !id.startsWith('XX')) flag(sw, i);
  });
});

/** A blank start date is SW01's finding, not this one's. */
export const ruleSW04STG1 = dateRule('SW04STG1', 'SWEpisodes', 'SW_DECOM', { blankPasses: true });
export const ruleSW05STG1 = dateRule('SW05STG1', 'SWEpisodes', 'SW_DEC', { blankPasses: true });

/**
 * The reason is one of the year's codes. A blank one is not valid where a reason is required,
 * for episodes begun from 1 April 2023 (as the reference validator reads it; SW01b reports it too);
 * with a start that is not a date, which applies is unknown and SW01/SW04 report the row.
 */
export const ruleSW13STG1 = defineRule('SW13STG1', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const valid = codeSet('SWEpisodes', 'SW_REASON', ret.collectionYear);
  const decom = dates(sw, 'SW_DECOM');
  sw.rows.forEach((row, i) => {
    const v = row.SW_REASON;
    if (blank(v) ? decom[i]! >= SW_DATA_BEGINS : !valid.has(v)) flag(sw, i);
  });
});

// ---------------------------------------------------------------------------
// Dates within the reporting period

/** An episode may begin before the reporting year (and still be open in it), but not after it ends. */
export const ruleSW06STG2 = defineRule('SW06STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  const end = yearEnd(ret);
  sw.rows.forEach((_, i) => {
    if (decom[i]! > end) flag(sw, i);
  });
});

export const ruleSW07STG2 = defineRule('SW07STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const dec = dates(sw, 'SW_DEC');
  const from = socialWorkerPeriodStart(ret);
  const end = yearEnd(ret);
  sw.rows.forEach((_, i) => {
    if (dec[i]! < from || dec[i]! > end) flag(sw, i);
  });
});

/** Begun and ended on the same day. */
export const ruleSW09STG2 = defineRule('SW09STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  const dec = dates(sw, 'SW_DEC');
  sw.rows.forEach((_, i) => {
    if (decom[i] === dec[i]) flag(sw, i);
  });
});

// ---------------------------------------------------------------------------
// One episode after another

/**
 * Every episode but the child's latest has ended: the earlier, open one is reported. An end
 * date that is not a date is no evidence the episode ended (SW05 reports the date itself).
 */
export const ruleSW08STG2 = defineRule('SW08STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const dec = dates(sw, 'SW_DEC');
  for (const list of socialWorkerEpisodes(sw).values()) {
    for (let k = 0; k < list.length - 1; k++) {
      if (Number.isNaN(dec[list[k]!]!)) flag(sw, list[k]!);
    }
  }
});

/** Days a new episode may begin before the previous one's recorded end (handovers overlap). */
const HANDOVER_DAYS = 7;

/**
 * A new episode begins no more than a week before the previous one ended; from 2024/25 not
 * when the reason is FCONTA (the 2023/24 rule had no such exception). The DfE's logic reads "SW_DECOM >= (previous SW_DEC +/- 7 days)": taken here as
 * an overlap of up to seven days allowed, which is what the message ("started before the end
 * date of the previous episode") is about; a gap after the previous episode is not reported.
 */
export const ruleSW10STG2 = defineRule('SW10STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  const dec = dates(sw, 'SW_DEC');
  const fcontaExempt = ret.collectionYear >= 2025;
  for (const list of socialWorkerEpisodes(sw).values()) {
    for (let k = 1; k < list.length; k++) {
      const i = list[k]!;
      if (fcontaExempt && sw.rows[i]!.SW_REASON === 'FCONTA') continue;
      if (decom[i]! < dec[list[k - 1]!]! - HANDOVER_DAYS) flag(sw, i);
    }
  }
});

/**
 * An episode ended by 31 March with no later episode for the child. "Before 31 March" is read
 * as within the year, 31 March included (an episode ended that day is not open at the year's
 * end, and the reference validator reports it too). The episode is the child's latest by
 * start date; a subsequent one is one starting on or after the day it ended. The reference validator reports only episodes
 * ending in the last five days of March; the DfE message names no window, so any is reported.
 */
export const ruleSW11bSTG2 = defineRule('SW11bSTG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  const dec = dates(sw, 'SW_DEC');
  const end = yearEnd(ret);
  const all = rowsByChild(sw);
  for (const [child, list] of socialWorkerEpisodes(sw)) {
    const last = list[list.length - 1];
    if (last === undefined || !(dec[last]! <= end)) continue;
    // A row whose start cannot be read may be the subsequent episode (SW01/SW04 report it).
    if (all.get(child)!.length > list.length) continue;
    // An episode starting the day this one ended, or later, follows it, even when this one's start is wrong.
    if (list.some((i) => i !== last && decom[i]! >= dec[last]!)) continue;
    flag(sw, last);
  }
});

/**
 * Some episode of the child's is open at 31 March: begun by then, with no end date or one after
 * 31 March. An end that is not a date is still an end recorded, so not open (the DfE's logic asks
 * for the end to be blank; the reference validator reads it so; SW05 reports the value). When
 * none is open, the child's latest episode is reported. (The DfE's logic asks that the latest episode have no end date;
 * when an earlier one is still open the message's "no episode open" is not true, and SW08
 * reports the earlier one.)
 */
export const ruleSW17STG2 = defineRule('SW17STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  if (!sw) return;
  const decom = dates(sw, 'SW_DECOM');
  const dec = dates(sw, 'SW_DEC');
  const end = yearEnd(ret);
  for (const list of socialWorkerEpisodes(sw).values()) {
    const last = list[list.length - 1];
    if (last === undefined) continue;
    const anyOpen = list.some((i) => decom[i]! <= end && (blank(sw.rows[i]!.SW_DEC) || dec[i]! > end));
    if (!anyOpen) flag(sw, last);
  }
});

// ---------------------------------------------------------------------------
// Social workers of the children looked after at 31 March

/**
 * A child looked after on 31 March (not on a short break) has social worker episodes for
 * the whole year, also before coming into care. A return can show only part of this: the
 * child's earliest social worker episode must begin by 1 April, or by the day the child's
 * first care episode in the year began when that was later (a child new to children's
 * services may have had no social worker before). Reported: the earliest social worker
 * episode when it begins later; the care episode open at 31 March when the child has no
 * social worker episode at all. (The reference validator instead reports care episodes
 * that begin or end care with no social worker episode around them, children not looked
 * after at 31 March included, and also every open episode that does not begin care.)
 */
export const ruleSW12STG2 = defineRule('SW12STG2', (ret, flag) => {
  const sw = ret.current.SWEpisodes;
  const eps = ret.current.Episodes;
  if (!sw || !eps) return;
  const start = yearStart(ret);
  const end = yearEnd(ret);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  const swDecom = dates(sw, 'SW_DECOM');
  const swByChild = socialWorkerEpisodes(sw);
  const swRows = rowsByChild(sw);
  for (const [child, list] of childEpisodes(ret)) {
    let openAtEnd = -1;
    let firstInYear = NaN;
    for (const e of list) {
      const row = eps.rows[e]!;
      if (RESPITE.has(row.LS ?? '')) continue;
      // An end date that is not a date is no evidence the episode ended.
      const open = Number.isNaN(dec[e]!) || dec[e]! > end;
      if (!(decom[e]! <= end)) continue;
      if (open && !Number.isNaN(decom[e]!)) openAtEnd = e;
      if ((open || dec[e]! >= start) && Number.isNaN(firstInYear)) firstInYear = decom[e]!;
    }
    if (openAtEnd < 0) continue;
    const workers = swByChild.get(child) ?? [];
    if (workers.length === 0) {
      // Rows with no valid start date are SW01/SW04's finding; only a child with no rows at all is reported here.
      if (!swRows.has(child)) flag(eps, openAtEnd);
      continue;
    }
    const first = workers[0]!;
    if (swDecom[first]! > Math.max(start, firstInYear)) flag(sw, first);
  }
});

export const socialWorkerRules: Rule903[] = [
  ruleSW01aSTG1,
  ruleSW01bSTG1,
  ruleSW02STG1,
  ruleSW04STG1,
  ruleSW05STG1,
  ruleSW06STG2,
  ruleSW07STG2,
  ruleSW08STG2,
  ruleSW09STG2,
  ruleSW10STG2,
  ruleSW11bSTG2,
  ruleSW12STG2,
  ruleSW13STG1,
  ruleSW17STG2,
];
