/** Rules about the child's characteristics: ethnicity and disabilities. */
import { has } from '../dates.js';
import { childRule, returnRule } from './rule.js';

/** 4220: ethnicity present and one of the year's codes. */
export const rule4220 = childRule('4220', (c, ctx) => {
  const e = c.raw.characteristics.Ethnicity;
  return e === null || !ctx.schema.codeSets.ethnicity.has(e);
});

/**
 * 8540: every disability code is valid, and a child already born whose referral went on
 * to further action has at least one (NONE when the child has no disability).
 */
export const rule8540 = childRule('8540', (c, ctx) => {
  const list = c.raw.characteristics.Disabilities;
  if (list.some((d) => d === null || !ctx.schema.codeSets.disability.has(d))) return true;
  return list.length === 0 && has(c.birth) && c.episodes.some((e) => !e.nfa);
});

/** 2887Q: the return uses at least 8 different disability codes. */
export const rule2887Q = returnRule('2887Q', (ret, _children, ctx) => {
  const used = new Set<string>();
  for (const child of ret.children) {
    for (const d of child.characteristics.Disabilities) if (d !== null && ctx.schema.codeSets.disability.has(d)) used.add(d);
  }
  return used.size < 8;
});

/** 2888Q: some child has more than one disability recorded (not every child just one). */
export const rule2888Q = returnRule('2888Q', (ret) => {
  let withAny = 0;
  for (const child of ret.children) {
    const n = child.characteristics.Disabilities.length;
    if (n > 1) return false;
    if (n === 1) withAny++;
  }
  return withAny > 0;
});

/** 8790: NONE is not recorded with another disability. */
export const rule8790 = childRule('8790', (c) => {
  const list = c.raw.characteristics.Disabilities;
  return list.length > 1 && list.includes('NONE');
});

/** 8794: no disability code recorded twice for a child. */
export const rule8794 = childRule('8794', (c) => {
  const list = c.raw.characteristics.Disabilities.filter((d) => d !== null);
  return new Set(list).size !== list.length;
});

export const characteristicsRules = [rule4220, rule8540, rule2887Q, rule2888Q, rule8790, rule8794];
