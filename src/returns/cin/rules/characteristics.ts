/** Rules about the child's characteristics: ethnicity and disabilities. */
import { childRule, returnRule } from './rule.js';

/** 4220: ethnicity present and one of the year's codes. */
export const rule4220 = childRule('4220', (c, ctx) => {
  const e = c.raw.characteristics.Ethnicity;
  return e === null || !ctx.schema.codeSets.ethnicity.has(e);
});

/**
 * 8540: a child already born with at least one referral that went on to further action
 * has one or more disability codes (NONE when the child has no disability), all valid.
 */
export const rule8540 = childRule('8540', (c, ctx) => {
  if (c.raw.identifiers.PersonBirthDate === null || !c.episodes.some((e) => e.furtherAction)) return false;
  const list = c.raw.characteristics.Disabilities;
  return list.length === 0 || list.some((d) => d === null || !ctx.schema.codeSets.disability.has(d));
});

/** 2887Q: leaving NONE aside, the return uses more than 7 different disability codes. */
export const rule2887Q = returnRule('2887Q', (ret, _children, ctx) => {
  const used = new Set<string>();
  for (const child of ret.children) {
    for (const d of child.characteristics.Disabilities)
      if (d !== null && d !== 'NONE' && ctx.schema.codeSets.disability.has(d)) used.add(d);
  }
  return used.size <= 7;
});

/** 2888Q: leaving NONE aside, one or more children have more than one disability recorded. */
export const rule2888Q = returnRule('2888Q', (ret) => {
  for (const child of ret.children) {
    let n = 0;
    for (const d of child.characteristics.Disabilities) if (d !== null && d !== 'NONE') n++;
    if (n > 1) return false;
  }
  return true;
});

/**
 * 8790: NONE is not recorded with another disability. NONE recorded twice is not another
 * value: that is 8794's duplicate.
 */
export const rule8790 = childRule('8790', (c) => {
  const list = c.raw.characteristics.Disabilities;
  return list.includes('NONE') && list.some((d) => d !== 'NONE');
});

/** 8794: no disability code recorded twice for a child. */
export const rule8794 = childRule('8794', (c) => {
  const list = c.raw.characteristics.Disabilities.filter((d) => d !== null);
  return new Set(list).size !== list.length;
});

export const characteristicsRules = [rule4220, rule8540, rule2887Q, rule2888Q, rule8790, rule8794];
