/**
 * Care leaver rules 1000-1002: information about a care leaver (OC3: in touch,
 * activity, accommodation) belongs only to a young person who left care alive as a
 * relevant or former relevant child, as far as this year's and last year's episodes show.
 */
import type { Return903, Table903 } from '../model.js';
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { addYears, dates } from '../values.js';
import { childRows, dobOf, RESPITE, yearEnd } from './helpers.js';

/** The child's episodes this year and last, as [table, row] pairs. */
function allEpisodes(ret: Return903, child: string | null): [Table903, number][] {
  const out: [Table903, number][] = [];
  for (const t of [ret.current.Episodes, ret.previous.Episodes]) if (t) for (const i of childRows(t, child)) out.push([t, i]);
  return out;
}

export const rule1000 = defineRule('1000', (ret, flag) => {
  const oc3 = ret.current.OC3;
  if (!oc3 || !ret.current.Episodes) return;
  oc3.rows.forEach((row, o) => {
    if (allEpisodes(ret, row.CHILD ?? null).some(([t, i]) => t.rows[i]!.REC === 'E2')) flag(oc3, o);
  });
});

/**
 * 1001: a relevant or former relevant child was looked after for at least 13 weeks
 * (91 days) after turning 14, and was still looked after after turning 16 (care still going
 * on counts to the end of the year; short breaks, V3 and V4, do not count). A row in OC3
 * is the care leaver information, whether or not its cells are filled. The date of birth
 * is the Header's (the DfE lists the Header among the rule's tables), else OC3's.
 */
export const rule1001 = defineRule('1001', (ret, flag) => {
  const oc3 = ret.current.OC3;
  if (!oc3 || !ret.current.Episodes) return;
  const ownDob = dates(oc3, 'DOB');
  oc3.rows.forEach((row, o) => {
    const fromHeader = dobOf(ret, row.CHILD);
    const born = Number.isNaN(fromHeader) ? ownDob[o]! : fromHeader;
    if (Number.isNaN(born)) return;
    const eps = allEpisodes(ret, row.CHILD ?? null);
    const at14 = addYears(born, 14);
    const at16 = addYears(born, 16);
    let days = 0;
    let after16 = false;
    const seen = new Set<number>();
    for (const [t, i] of eps) {
      const start = dates(t, 'DECOM')[i]!;
      const ended = dates(t, 'DEC')[i]!;
      // Care still going on counts to the end of the year; short breaks (V3, V4) do not count.
      const end = Number.isNaN(ended) ? yearEnd(ret) : ended;
      if (Number.isNaN(start) || RESPITE.has(t.rows[i]!.LS ?? '')) continue;
      if (seen.has(start)) continue; // an episode in both years' returns counts once
      seen.add(start);
      days += Math.max(0, end - Math.max(start, at14));
      if (end > at16) after16 = true;
    }
    if (!(days >= 91 && after16)) flag(oc3, o);
  });
});

export const rule1002 = defineRule('1002', (ret, flag) => {
  const oc3 = ret.current.OC3;
  const last = ret.previous.Episodes;
  if (!oc3 || !last) return;
  oc3.rows.forEach((row, o) => {
    if (allEpisodes(ret, row.CHILD ?? null).length === 0) flag(oc3, o);
  });
});

export const careLeaverRulesB: Rule903[] = [rule1000, rule1001, rule1002];
