/** Rules about section 47 enquiries and initial child protection conferences. */
import { has, isWeekend } from '../dates.js';
import { type PChild, type PSection47, childRule } from './rule.js';

function anyS47(c: PChild, test: (s: PSection47) => boolean): boolean {
  for (const e of c.episodes) for (const s of e.s47) if (test(s)) return true;
  return false;
}

/*
 * 1104, 8715 and 8875 report against the Section47 table: they look at the conference
 * date in the section 47 module (the same data item, N00110, can also sit at episode
 * level, which 2884, 2885, 2990 and 8565 look at).
 */

/** 1104: an initial conference (section 47 module) is not before the referral. */
export const rule1104 = childRule('1104', (c) => c.episodes.some((e) => e.s47.some((s) => s.icpc < e.referral)));

/** 2884: the same initial conference is not recorded both at episode level and in a section 47 module. */
export const rule2884 = childRule('2884', (c) => c.episodes.some((e) => has(e.icpc) && e.s47.some((s) => s.icpc === e.icpc)));

/** 2889: a section 47 enquiry does not start before the referral. */
export const rule2889 = childRule('2889', (c) => c.episodes.some((e) => e.s47.some((s) => s.start < e.referral)));

/** 8615: a section 47 enquiry with a conference has a start date on or before the conference. */
export const rule8615 = childRule('8615', (c) =>
  anyS47(c, (s) => {
    const icpc = s.icpc;
    return has(icpc) && !(s.start <= icpc);
  }),
);

/** 8675Q: an enquiry with no conference (and no "not required") started no more than 15 working days before the end of the year. */
export const rule8675Q = childRule('8675Q', (c, ctx) => anyS47(c, (s) => !has(s.icpc) && !s.notRequired && s.start < ctx.s47OverdueBefore));

/** 8715: an initial conference (section 47 module) within the census period. */
export const rule8715 = childRule('8715', (c, ctx) => anyS47(c, (s) => has(s.icpc) && (s.icpc < ctx.start || s.icpc > ctx.end)));

/** 8740: an enquiry with no conference by the end of the year (and no "not required") started within the census period. */
export const rule8740 = childRule('8740', (c, ctx) =>
  anyS47(c, (s) => !has(s.icpc) && !s.notRequired && !(s.start >= ctx.start && s.start <= ctx.end)),
);

/** 8839: at most one open section 47 enquiry (no conference) in an episode. */
export const rule8839 = childRule('8839', (c) =>
  c.episodes.some((e) => {
    let open = 0;
    for (const s of e.s47) if (!has(s.icpc) && !s.notRequired) open++;
    return open > 1;
  }),
);

/** 8870Q: the target date for the initial conference is not a Saturday or Sunday. */
export const rule8870Q = childRule('8870Q', (c) => anyS47(c, (s) => has(s.target) && isWeekend(s.target)));

/** 8875: an initial conference (section 47 module) is not on a Saturday or Sunday. */
export const rule8875 = childRule('8875', (c) => anyS47(c, (s) => has(s.icpc) && isWeekend(s.icpc)));

export const section47Rules = [rule1104, rule2884, rule2889, rule8615, rule8675Q, rule8715, rule8740, rule8839, rule8870Q, rule8875];
