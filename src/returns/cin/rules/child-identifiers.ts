/** Rules about who the child is: identifiers, dates of birth and death, sex. */
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import { addYears, day, has } from '../dates.js';
import { type PChild, type RuleContext, childRule, returnRule } from './rule.js';
import { LA_CODES, PSEUDO_LA_CODES } from './la-codes.js';

const UPN_LETTERS = /^[ABCDEFGHJKLMNPQRTUVWXYZ]$/;

/**
 * 1510: the UPN's first character must be the check letter of characters 2 to 13. A UPN
 * whose characters 2 to 13 cannot carry a check letter (not 12 digits, or 11 and a letter
 * UPNs use) is left to 1540 and 1550.
 */
export const rule1510 = childRule('1510', (c) => {
  const upn = c.raw.identifiers.UPN;
  if (upn === null) return false;
  const u = upn.toUpperCase();
  if (!/^.\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(u)) return false;
  return upnCheckLetter(u.slice(1)) !== u[0];
});

/** Rows of children whose value (when present) is shared with another child. */
function duplicatedRows(children: readonly PChild[], value: (c: PChild) => string | null): number[] {
  const seen = new Map<string, number>();
  for (const c of children) {
    const v = value(c);
    if (v !== null) seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  const rows: number[] = [];
  for (const c of children) {
    const v = value(c);
    if (v !== null && seen.get(v)! > 1) rows.push(c.row);
  }
  return rows;
}

/** 1520: no two children may have the same UPN. */
export const rule1520 = returnRule('1520', (_ret, children) => duplicatedRows(children!, (c) => c.raw.identifiers.UPN), true);

/**
 * A UPN of the schema's length (13 characters), or null. 1530 and 1550 read characters at
 * fixed places, which mean nothing in a UPN of another length: that UPN is a schema issue
 * (noted when read) and 1540's.
 */
function upn13(c: PChild): string | null {
  const upn = c.raw.identifiers.UPN;
  return upn !== null && upn.length === 13 ? upn : null;
}

/** 1530: characters 2 to 4 of the UPN must be a DfE LA number or one of DfE's pseudo LA codes. */
export const rule1530 = childRule('1530', (c) => {
  const upn = upn13(c);
  if (upn === null) return false;
  const la = upn.slice(1, 4);
  return !LA_CODES.has(la) && !PSEUDO_LA_CODES.has(la);
});

/** 1540: characters 5 to 12 of the UPN must be digits. */
export const rule1540 = childRule('1540', (c) => {
  const upn = c.raw.identifiers.UPN;
  return upn !== null && !/^\d{8}$/.test(upn.slice(4, 12));
});

/** 1550: character 13 of the UPN must be a digit or a letter UPNs use (not I, O or S). */
export const rule1550 = childRule('1550', (c) => {
  const upn = upn13(c);
  if (upn === null) return false;
  const last = upn.charAt(12).toUpperCase();
  return !(/^\d$/.test(last) || UPN_LETTERS.test(last));
});

/** 1560Q: a former UPN must look like a UPN: a letter, 11 digits, a digit or letter. */
export const rule1560Q = childRule('1560Q', (c) => {
  const f = c.raw.identifiers.FormerUPN;
  return f !== null && !/^[A-Za-z]\d{11}[0-9A-Za-z]$/.test(f);
});

/** 1570: LAchildID at most 20 characters. */
export const rule1570 = childRule('1570', (c) => c.id !== null && c.id.length > 20);

/** 1580: LAchildID letters and digits only. */
export const rule1580 = childRule('1580', (c) => c.id !== null && !/^[A-Za-z0-9]*$/.test(c.id));

function isUnborn(c: PChild): boolean {
  return !has(c.birth) && c.raw.identifiers.PersonBirthDate === null && c.raw.identifiers.ExpectedPersonBirthDate !== null;
}

/**
 * 2886Q: children with no sex recorded (unknown or missing) and no expected date of birth
 * (so not unborn) are no more than 2% of all the children in the return.
 */
export const rule2886Q = returnRule('2886Q', (ret, _children, ctx) => {
  const unknown = ctx.schema.unbornSex;
  let notRecorded = 0;
  for (const c of ret.children) {
    const id = c.identifiers;
    if ((id.Sex === null || id.Sex === unknown) && id.ExpectedPersonBirthDate === null) notRecorded++;
  }
  return ret.children.length > 0 && notRecorded / ret.children.length > 0.02;
});

/** 4008: no CIN plan may start after the child's death. */
export const rule4008 = childRule('4008', (c) => has(c.death) && c.episodes.some((e) => e.plans.some((p) => p.start > c.death)));

/** 4009Q: no CIN plan may end after the child's death. */
export const rule4009Q = childRule('4009Q', (c) => has(c.death) && c.episodes.some((e) => e.plans.some((p) => p.end > c.death)));

/** 4180: sex present and one of the year's codes. */
export const rule4180 = childRule('4180', (c, ctx) => {
  const sex = c.raw.identifiers.Sex;
  return sex === null || !ctx.schema.codeSets.sex.has(sex);
});

/** 8500: LAchildID present. */
export const rule8500 = childRule('8500', (c) => c.id === null);

/** 8510: no two children may have the same LAchildID. */
export const rule8510 = returnRule('8510', (_ret, children) => duplicatedRows(children!, (c) => c.id), true);

/** 8520: date of birth on or before the end of the census period. */
export const rule8520 = childRule('8520', (c, ctx) => c.birth > ctx.end);

/** 8525Q: a date of birth or an expected date of birth, not both. */
export const rule8525Q = childRule('8525Q', (c) => {
  return has(c.birth) === has(c.expectedBirth);
});

/** 8530Q: an expected date of birth between 1 March and 31 December of the year the census ends. */
export const rule8530Q = childRule('8530Q', (c, ctx) => {
  if (c.raw.identifiers.ExpectedPersonBirthDate === null) return false;
  const from = day(`${ctx.year}-03-01`);
  const to = day(`${ctx.year}-12-31`);
  return !(c.expectedBirth >= from && c.expectedBirth <= to);
});

/**
 * 8535Q: date of death not before date of birth. A death date with no date of birth (an
 * unborn child, or none given) cannot be on or after it, so is queried too.
 */
export const rule8535Q = childRule('8535Q', (c) => {
  return has(c.death) && !(c.death >= c.birth);
});

/** 8545Q: a date of death within the census period. */
export const rule8545Q = childRule('8545Q', (c, ctx) => has(c.death) && (c.death < ctx.start || c.death > ctx.end));

/** 8590: every child has at least one CIN episode. */
export const rule8590 = childRule('8590', (c) => c.episodes.length === 0);

/** 8750: an unborn child's sex is recorded as unknown (U; 0 in the GenderCurrent years). */
export const rule8750 = childRule('8750', (c, ctx) => isUnborn(c) && c.raw.identifiers.Sex !== ctx.schema.unbornSex);

/**
 * 8770Q: a child of school age whose referral went on to further action has a UPN, or a
 * valid reason for not having one other than UN1. School age: born before the reference
 * date minus 6 years (to 2024); from 2025, minus 4 years (see REFERENCE_DIFFERENCES.md).
 */
export const rule8770Q = childRule('8770Q', (c, ctx) => {
  if (!has(c.birth) || !c.episodes.some((e) => e.furtherAction)) return false;
  if (!(c.birth <= (ctx.year >= 2025 ? ctx.fourYearsBefore : ctx.sixYearsBefore))) return false;
  const id = c.raw.identifiers;
  if (id.UPN !== null) return false;
  return id.UPNunknown === null || id.UPNunknown === 'UN1' || !ctx.schema.codeSets.upnUnknown.has(id.UPNunknown);
});

/** 8772: UN7 (referral with no further action) only when every episode is a referral with no further action. */
export const rule8772 = childRule('8772', (c) => c.raw.identifiers.UPNunknown === 'UN7' && c.episodes.some((e) => !e.nfa));

/** 8775Q: a child born more than 25 years before the reference date, with an episode open or closed after the 25th birthday. */
export const rule8775Q = childRule('8775Q', (c, ctx) => {
  if (!(c.birth < ctx.twentyFiveYearsBefore)) return false;
  const twentyFifth = addYears(c.birth, 25);
  return c.episodes.some((e) => !has(e.closure) || e.closure > twentyFifth);
});

export const childIdentifierRules = [
  rule1510,
  rule1520,
  rule1530,
  rule1540,
  rule1550,
  rule1560Q,
  rule1570,
  rule1580,
  rule2886Q,
  rule4008,
  rule4009Q,
  rule4180,
  rule8500,
  rule8510,
  rule8520,
  rule8525Q,
  rule8530Q,
  rule8535Q,
  rule8545Q,
  rule8590,
  rule8750,
  rule8770Q,
  rule8772,
  rule8775Q,
];

export type { RuleContext };
