/**
 * Synthetic SSDA903 returns: seeded, so the same options give the same files. Each
 * child has a care history (periods of care, placements, legal statuses, reviews,
 * missing episodes, social workers, health, adoption, leaving care) from which this
 * year's and last year's returns are cut. A return is valid by default; `errors` seeds
 * mistakes that particular DfE rules catch (see seed-errors.ts).
 *
 * Identifiers are synthetic (CHILD numbers from 1000000, UPNs with a correct check
 * letter but no real school, postcodes in the right format from a made-up list).
 */
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import { madeUpPostcodes } from './made-up-places.js';
import type { Return903, Row, Table903, TableName, Tables903 } from '../model.js';
import { Random } from './random.js';
import { seedErrors, type SeededError } from './seed-errors.js';
import { addMonths, addYears, ageOn, collectionEnd, collectionStart, type Day, formatDate } from '../values.js';

export interface Generate903Options {
  /** Children in the return (looked after during the year, plus a few care leavers). */
  children: number;
  /** Year the collection ends (2026 for 2025/26). */
  year: number;
  seed?: number;
  /** Also cut last year's return from the same histories (default true). */
  previous?: boolean;
  /** Seed errors: `rate` is the share of children given one; `rules` limits which rules' errors (default: every rule that has a seeder). */
  errors?: { rate: number; rules?: readonly string[] };
  /**
   * Postcodes for homes and placements: `own` in the authority's area (homes, and its own
   * placements), `other` elsewhere. Default: made-up postcodes in the right format.
   */
  postcodes?: { own: readonly string[]; other: readonly string[] };
}

export interface Generated903 extends Return903 {
  /** The errors seeded: the rule meant to fire, and the row changed. */
  seeded: SeededError[];
}

type MutableRow = Record<string, string | null>;
type Postcodes = { own: readonly string[]; other: readonly string[] };

interface Episode {
  decom: Day;
  dec: Day | null;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
}

interface Period {
  start: Day;
  /** Last day looked after, null when still looked after at the end of the year. */
  end: Day | null;
  episodes: Episode[];
}

interface Child {
  id: string;
  female: boolean;
  dob: Day;
  ethnic: string;
  upn: string;
  uasc: boolean;
  periods: Period[];
  mother: boolean;
  motherChildDob: Day | null;
  adoption: { decided: Day; matched: Day; fosterCare: boolean; adopters: 1 | 2 } | null;
  missing: { kind: 'M' | 'A'; start: Day; end: Day }[];
  socialWorkers: { id: string; start: Day; end: Day | null; reason: string | null }[];
  careLeaver: { inTouch: string; activ: string; accom: string } | null;
  health: { sdqScore: number; convicted: boolean; substance: boolean };
}

const ETHNIC: readonly (readonly [string, number])[] = [
  ['WBRI', 70],
  ['WIRI', 1],
  ['WOTH', 5],
  ['WROM', 1],
  ['MWBC', 3],
  ['MWBA', 2],
  ['MWAS', 2],
  ['MOTH', 3],
  ['AIND', 1],
  ['APKN', 2],
  ['ABAN', 1],
  ['AOTH', 2],
  ['BCRB', 2],
  ['BAFR', 3],
  ['BOTH', 1],
  ['CHNE', 0.3],
  ['OOTH', 2],
  ['REFU', 0.2],
];

const CIN: readonly (readonly [string, number])[] = [
  ['N1', 65],
  ['N2', 3],
  ['N3', 3],
  ['N4', 14],
  ['N5', 7],
  ['N6', 4],
  ['N7', 1],
  ['N8', 3],
];

const PLACE_CHANGE_REASONS = ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'OTHER'];

export function generate903(options: Generate903Options): Generated903 {
  const { year } = options;
  const rng = new Random(options.seed ?? 1);
  const made = options.postcodes ? undefined : madeUpPostcodes(rng, 400);
  const postcodePool: Postcodes = options.postcodes ?? { own: made!.slice(0, 200), other: made!.slice(200) };
  const children: Child[] = [];
  for (let i = 0; i < options.children; i++) children.push(makeChild(rng, i, year, postcodePool));

  const current = cut(children, year);
  const previous = options.previous === false ? {} : cut(children, year - 1);
  const ret: Generated903 = { collectionYear: year, current, previous, reference: {}, notices: [], seeded: [] };
  if (options.errors && options.errors.rate > 0) {
    ret.seeded = seedErrors(ret, new Random((options.seed ?? 1) * 7919 + 13), options.errors.rate, options.errors.rules);
  }
  return ret;
}

function syntheticUpn(rng: Random): string {
  // LA number, establishment number, year, serial: made up, with the right check letter.
  let rest = '';
  for (let k = 0; k < 12; k++) rest += String(rng.int(0, 9));
  return upnCheckLetter(rest)! + rest;
}

// ---------------------------------------------------------------------------
// One child's history

function makeChild(rng: Random, index: number, year: number, postcodes: Postcodes): Child {
  const start = collectionStart(year);
  const end = collectionEnd(year);
  const prevStart = collectionStart(year - 1);
  const id = String(1_000_000 + index);
  const female = rng.chance(0.44);
  const careLeaver = rng.chance(0.07);

  // Age at the end of the year: care leavers 19 (they left care at 18 last year); others 0-17, more teenagers.
  const age = careLeaver
    ? 19
    : rng.weighted([
        [0, 5],
        [1, 5],
        [2, 4],
        [3, 4],
        [4, 4],
        [5, 4],
        [6, 4],
        [7, 4],
        [8, 4],
        [9, 4],
        [10, 5],
        [11, 5],
        [12, 6],
        [13, 7],
        [14, 8],
        [15, 9],
        [16, 10],
        [17, 8],
      ] as const);
  // Born so that the child is `age` on 31 March and turns 18 after the year ends.
  let dob = addYears(end, -age - 1) + rng.int(1, 364);
  if (ageOn(dob, end) !== age) dob = addYears(end, -age) - rng.int(1, 300);
  const uasc = !careLeaver && age >= 15 && rng.chance(0.12);
  const child: Child = {
    id,
    female,
    dob,
    ethnic: uasc ? rng.pick(['AOTH', 'BAFR', 'OOTH', 'MOTH']) : rng.weighted(ETHNIC),
    upn: age < 4 ? 'UN1' : uasc ? 'UN2' : syntheticUpn(rng),
    uasc,
    periods: [],
    mother: false,
    motherChildDob: null,
    adoption: null,
    missing: [],
    socialWorkers: [],
    careLeaver: null,
    health: { sdqScore: rng.int(4, 30), convicted: age >= 12 && rng.chance(0.03), substance: age >= 12 && rng.chance(0.04) },
  };

  if (careLeaver) {
    // Looked after from 15 or 16 until the 18th birthday, which fell in last year's collection.
    const eighteen = addYears(dob, 18);
    const begin = eighteen - rng.int(400, 1000);
    child.periods.push(ordinaryPeriod(rng, child, begin, eighteen, year, rng.pick(postcodes.own), postcodes));
    const inTouch = rng.weighted([
      ['YES', 90],
      ['NO', 4],
      ['REFU', 3],
      ['NREQ', 3],
    ] as const);
    child.careLeaver =
      inTouch === 'YES'
        ? {
            inTouch,
            activ: rng.weighted([
              ['F1', 20],
              ['P1', 5],
              ['F2', 25],
              ['P2', 5],
              ['G4', 10],
              ['G5', 5],
              ['G6', 15],
            ] as const),
            accom: rng.weighted([
              ['U1', 30],
              ['Z1', 10],
              ['B1', 10],
              ['E1', 10],
              ['D1', 15],
              ['K1', 5],
            ] as const),
          }
        : { inTouch, activ: '0', accom: '0' };
    return child;
  }

  const adopt = !uasc && age >= 1 && age <= 7 && rng.chance(0.12);
  // Unaccompanied children arrive during the year (so last year's return does not know them).
  const continuing = !uasc && dob < start - 60 && rng.chance(0.62);
  const earliest = Math.max(dob + 1, addYears(prevStart, -6));
  let periodStart = continuing ? rng.int(earliest, start - 30) : rng.int(Math.max(start, dob + 1), Math.max(end - 20, dob + 1));

  periodStart = Math.max(Math.min(periodStart, end - 20), dob + 1);
  const homePost = rng.pick(postcodes.own);
  let leaveOn: Day | null = rng.chance(0.28) ? rng.int(Math.max(periodStart + 40, start), end - 1) : null;
  if (leaveOn !== null && (leaveOn >= end || leaveOn <= periodStart + 7)) leaveOn = null;
  const period =
    adopt && dob < end - 400
      ? adoptionPeriod(rng, child, periodStart, end, homePost, postcodes)
      : ordinaryPeriod(rng, child, periodStart, leaveOn, year, homePost, postcodes);
  child.periods.push(period);

  if (female && ageOn(dob, end) >= 14 && rng.chance(0.03)) {
    child.mother = true;
    child.motherChildDob = Math.min(end - rng.int(10, 300), Math.max(period.start, addYears(dob, 14)) + 30);
  }
  addMissing(rng, child, period, end);
  addSocialWorkers(rng, child, period, end);
  return child;
}

/** An ordinary period of care: placements and legal statuses changing now and then; maybe leaving care. */
function ordinaryPeriod(
  rng: Random,
  child: Child,
  start: Day,
  leaveOn: Day | null,
  year: number,
  homePost: string,
  postcodes: Postcodes,
): Period {
  const end = collectionEnd(year);

  const episodes: Episode[] = [];
  let ls: string = child.uasc
    ? 'V2'
    : rng.weighted([
        ['V2', 35],
        ['C1', 45],
        ['C2', 10],
      ] as const);
  let place = choosePlacement(rng, child, start, ls, year);
  let decom = start;
  let rne = 'S';
  for (;;) {
    const length = rng.int(60, 800);
    let dec: Day | null = decom + length;
    const last = leaveOn !== null ? dec >= leaveOn : dec > end;
    if (last) dec = leaveOn;
    const ep = episode(rng, child, decom, dec, rne, ls, place, homePost, postcodes);
    const prev = episodes[episodes.length - 1];
    if (prev) {
      // The category of need is the one at the start of the period of care; a change of
      // legal status alone keeps the placement.
      ep.cin = prev.cin;
      if (rne === 'L') Object.assign(ep, { provider: prev.provider, plPost: prev.plPost, urn: prev.urn });
    }
    episodes.push(ep);
    if (last) {
      if (dec !== null) ep.rec = dec >= addYears(child.dob, 18) ? 'E8' : leavingReason(rng, child, dec, place);
      break;
    }
    // What changes next: the legal status (interim to full care order), the placement, or both.
    ep.rec = 'X1';
    const nextLs = ls === 'C1' && rng.chance(0.5) ? 'C2' : ls;
    const changePlace = nextLs === ls || rng.chance(0.3);
    const nextPlace = changePlace ? choosePlacement(rng, child, dec!, nextLs, year, place) : place;
    if (changePlace) ep.reasonPlaceChange = rng.pick(PLACE_CHANGE_REASONS);
    rne = changePlace ? (nextLs !== ls ? 'B' : 'P') : 'L';
    if (rne === 'L' && nextPlace === place && nextLs === ls) rne = 'P';
    ls = nextLs;
    place = nextPlace;
    decom = dec!;
  }
  return { start, end: leaveOn, episodes };
}

/** A period of care ending in adoption: fostered, placed for adoption, adopted. */
function adoptionPeriod(rng: Random, child: Child, start: Day, end: Day, homePost: string, postcodes: Postcodes): Period {
  // Looked after long enough for the court and the match; adopted during the year.
  const begin = Math.max(child.dob + 1, Math.min(start, end - 600));
  const adopted = rng.int(Math.max(begin + 400, collectionStart(yearOf(end))), end - 5);
  const placedForAdoption = adopted - rng.int(70, 200);
  const decided = begin + rng.int(60, Math.max(61, placedForAdoption - begin - 60));
  const matched = Math.min(placedForAdoption - rng.int(0, 40), Math.max(decided, placedForAdoption - 20));
  const withFosterCarers = rng.chance(0.2);
  child.adoption = { decided, matched, fosterCare: withFosterCarers, adopters: rng.chance(0.7) ? 2 : 1 };
  const fostered = rng.pick(['U4', 'U6', 'U5']);
  const orderMade = Math.max(begin + 30, Math.min(decided + rng.int(10, 60), placedForAdoption - 10));
  const eps: Episode[] = [];
  const first = episode(rng, child, begin, orderMade, 'S', 'C1', fostered, homePost, postcodes);
  first.rec = 'X1';
  eps.push(first);
  const order = episode(rng, child, orderMade, placedForAdoption, 'L', 'E1', fostered, homePost, postcodes);
  Object.assign(order, { cin: first.cin, provider: first.provider, plPost: first.plPost, urn: first.urn });
  order.rec = 'X1';
  order.reasonPlaceChange = 'CARPL';
  eps.push(order);
  const place = withFosterCarers ? 'A3' : 'A4';
  const adoptive = episode(rng, child, placedForAdoption, adopted, withFosterCarers ? 'T' : 'P', 'E1', place, homePost, postcodes);
  adoptive.cin = first.cin;
  adoptive.rec = rng.chance(0.8) ? 'E11' : 'E12';
  eps.push(adoptive);
  return { start: begin, end: adopted, episodes: eps };
}

function yearOf(end: Day): number {
  return Number(formatDate(end).slice(6));
}

function episode(
  rng: Random,
  child: Child,
  decom: Day,
  dec: Day | null,
  rne: string,
  ls: string,
  place: string,
  homePost: string,
  postcodes: Postcodes,
): Episode {
  const temporary = place.startsWith('T');
  const provider = temporary ? null : providerFor(rng, place);
  // The authority's own placements are in its area; others may be anywhere.
  const pool = provider === 'PR1' || rng.chance(0.5) ? postcodes.own : postcodes.other;
  let plPost = place === 'P1' ? homePost : rng.pick(pool);
  if (place !== 'P1' && plPost === homePost) plPost = pool[(pool.indexOf(homePost) + 1) % pool.length]!;
  return {
    decom,
    dec,
    rne,
    ls,
    cin: child.uasc ? 'N4' : rng.weighted(CIN),
    place,
    provider,
    rec: null,
    reasonPlaceChange: null,
    homePost: child.uasc ? null : homePost,
    plPost,
    urn: urnFor(rng, place),
  };
}

function choosePlacement(rng: Random, child: Child, on: Day, ls: string, year: number, not?: string): string {
  const age = ageOn(child.dob, on);
  // Supported accommodation (K3) from 2024/25; before, its code H5 changed meaning mid-year, so a children's home.
  const supported = year >= 2025 ? 'K3' : 'K2';
  for (;;) {
    const p = rng.weighted([
      ['U4', 20],
      ['U6', 30],
      ['U1', 8],
      ['U3', 6],
      ['K2', age >= 10 ? 14 : 0],
      [supported, age >= 16 ? 14 : 0],
      ['P1', ls === 'C1' || ls === 'C2' ? 5 : 0],
      ['R1', age >= 10 ? 1 : 0],
      ['S1', age >= 8 ? 1 : 0],
    ] as const);
    if (p !== not) return p;
  }
}

function providerFor(rng: Random, place: string): string {
  if (place === 'P1') return 'PR0';
  if (place.startsWith('A')) return 'PR1';
  if (place === 'K3' || place === 'H5') return 'PR4';
  return rng.weighted([
    ['PR1', 60],
    ['PR4', 35],
    ['PR2', 5],
  ] as const);
}

/**
 * Ofsted URN of the registered provider: the children's home ("SC" numbers), or the
 * fostering or adoption agency, school or supported accommodation provider (seven digits).
 * Placements with parents, in hospital and the like have none.
 */
function urnFor(rng: Random, place: string): string | null {
  if (place === 'K2') return `SC${rng.int(100000, 999999)}`;
  if (place === 'P1' || place === 'R1' || place.startsWith('T') || place === 'Z1') return null;
  return String(rng.int(1000000, 2999999));
}

function leavingReason(rng: Random, child: Child, on: Day, place: string): string {
  const age = ageOn(child.dob, on);
  // Special guardianship by former foster carers (E45, E46) is from a foster placement.
  const fostered = place.startsWith('U');
  return rng.weighted([
    ['E4A', 40],
    ['E41', age < 16 ? 10 : 0],
    ['E45', age < 16 && fostered ? 5 : 0],
    ['E46', age < 16 && fostered ? 3 : 0],
    ['E13', age >= 16 ? 8 : 0],
    ['E3', 3],
    ['E8', 6],
    ['E5', age >= 16 ? 10 : 0],
  ] as const);
}

function addMissing(rng: Random, child: Child, period: Period, end: Day): void {
  if (!rng.chance(0.1)) return;
  const last = period.end ?? end;
  const n = rng.int(1, 3);
  let from = Math.max(period.start + 3, collectionStart(yearOf(end)) - 300);
  for (let k = 0; k < n && from < last - 10; k++) {
    const start = rng.int(from, last - 8);
    const length = rng.int(0, 6);
    child.missing.push({ kind: rng.chance(0.7) ? 'M' : 'A', start, end: start + length });
    from = start + length + 10;
  }
}

function addSocialWorkers(rng: Random, child: Child, period: Period, end: Day): void {
  let from = period.start;
  const last = period.end ?? end;
  for (;;) {
    const until = rng.chance(0.6) ? null : from + rng.int(120, 700);
    const id = `SW${String(rng.int(1, 999)).padStart(4, '0')}`;
    if (until === null || until >= last) {
      // The last social worker's episode stays open, also when the child leaves care.
      child.socialWorkers.push({ id, start: from, end: null, reason: rng.pick(['LEFTRL', 'ORGRST', 'MANAGE', 'TSPROC']) });
      return;
    }
    child.socialWorkers.push({ id, start: from, end: until, reason: rng.pick(['LEFTRL', 'ORGRST', 'MANAGE', 'TSPROC']) });
    from = until;
  }
}

// ---------------------------------------------------------------------------
// Cutting one year's return from the histories

function cut(children: readonly Child[], year: number): Tables903 {
  const start = collectionStart(year);
  const end = collectionEnd(year);
  const t: Record<TableName, MutableRow[]> = {
    Header: [],
    Episodes: [],
    Reviews: [],
    UASC: [],
    OC2: [],
    OC3: [],
    AD1: [],
    PlacedAdoption: [],
    PrevPerm: [],
    Missing: [],
    SWEpisodes: [],
    DoLo: [],
  };
  const d = (x: Day | null) => (x === null ? null : formatDate(x));
  const sex = (c: Child) => (year >= 2025 ? (c.female ? 'F' : 'M') : c.female ? '2' : '1');

  for (const c of children) {
    const dob = d(c.dob)!;
    const eps = c.periods.flatMap((p) => p.episodes).filter((e) => e.decom <= end && (e.dec === null || e.dec >= start));
    if (eps.length === 0) {
      // A care leaver is in the OC3 cohort in the years of their 19th to 21st birthdays.
      const age = ageOn(c.dob, end);
      if (!c.careLeaver || age < 19 || age > 21) continue;
      t.Header.push({ CHILD: c.id, SEX: sex(c), DOB: dob, ETHNIC: c.ethnic, UPN: c.upn, MOTHER: null, MC_DOB: null });
      t.OC3.push({ CHILD: c.id, DOB: dob, IN_TOUCH: c.careLeaver.inTouch, ACTIV: c.careLeaver.activ, ACCOM: c.careLeaver.accom });
      continue;
    }
    // Mother status is recorded for every girl looked after in the year.
    const mother = c.female;
    const motherNow = mother && c.mother && c.motherChildDob !== null && c.motherChildDob <= end;
    t.Header.push({
      CHILD: c.id,
      SEX: sex(c),
      DOB: dob,
      ETHNIC: c.ethnic,
      UPN: c.upn,
      MOTHER: mother ? (motherNow ? '1' : '0') : null,
      MC_DOB: motherNow ? d(c.motherChildDob) : null,
    });
    for (const e of eps) {
      const ended = e.dec !== null && e.dec <= end;
      t.Episodes.push({
        CHILD: c.id,
        DECOM: d(e.decom),
        RNE: e.rne,
        LS: e.ls,
        CIN: e.cin,
        PLACE: e.place,
        PLACE_PROVIDER: e.provider,
        DEC: ended ? d(e.dec) : null,
        REC: ended ? e.rec : null,
        REASON_PLACE_CHANGE: ended ? e.reasonPlaceChange : null,
        HOME_POST: e.homePost,
        PL_POST: e.plPost,
        // Supported accommodation had no Ofsted URN before 2023/24.
        URN: e.place === 'H5' && year <= 2023 ? null : e.urn,
      });
      // Some children in homes have their liberty restricted (a DoLO) for the time of the
      // placement in the year; chosen without the random source so earlier years are unchanged.
      if (['K2', 'Z12', 'Z13'].includes(e.place) && (Number(c.id) + e.decom) % 4 === 0) {
        // It ends the day before the placement does, so it is not in force in the next one.
        const from = Math.max(e.decom, start) + 1;
        if (!ended || e.dec! - 1 > from)
          t.DoLo.push({ CHILD: c.id, DOB: dob, DOLO_START: d(from), DOLO_END: ended ? d(e.dec! - 1) : null });
      }
    }
    for (const p of c.periods) cutReviews(t.Reviews, c, p, start, end);
    if (c.uasc) t.UASC.push({ CHILD: c.id, SEX: sex(c), DOB: dob, DUC: d(addYears(c.dob, 18) - 1) });
    // Previous permanence is asked of children who start to be looked after.
    if (eps.some((e) => e.rne === 'S' && e.decom >= start)) {
      t.PrevPerm.push({ CHILD: c.id, DOB: dob, PREV_PERM: 'Z1', LA_PERM: null, DATE_PERM: null });
    }
    cutHealth(t.OC2, c, start, end);
    for (const m of c.missing) {
      if (m.start < start || m.start > end) continue;
      t.Missing.push({ CHILD: c.id, DOB: dob, MISSING: m.kind, MIS_START: d(m.start), MIS_END: m.end <= end ? d(m.end) : null });
    }
    if (c.adoption) {
      const p = c.periods[c.periods.length - 1]!;
      const adopted = p.end !== null && p.end >= start && p.end <= end;
      if (c.adoption.decided <= end) {
        t.PlacedAdoption.push({
          CHILD: c.id,
          DOB: dob,
          DATE_PLACED: d(c.adoption.decided),
          DATE_PLACED_CEASED: null,
          REASON_PLACED_CEASED: null,
        });
      }
      if (adopted) {
        const a = c.adoption;
        t.AD1.push({
          CHILD: c.id,
          DOB: dob,
          DATE_INT: d(a.decided),
          DATE_MATCH: d(a.matched),
          FOSTER_CARE: a.fosterCare ? '1' : '0',
          NB_ADOPTR: String(a.adopters),
          SEX_ADOPTR: a.adopters === 1 ? (c.id.endsWith('7') ? 'M1' : 'F1') : c.id.endsWith('3') ? 'MM' : c.id.endsWith('5') ? 'FF' : 'MF',
          // L11 a married couple of different sexes, L12 of the same sex.
          LS_ADOPTR: a.adopters === 1 ? 'L0' : c.id.endsWith('3') || c.id.endsWith('5') ? 'L12' : 'L11',
        });
      }
    }
    if (year >= 2024) {
      for (const s of c.socialWorkers) {
        if (s.start > end || (s.end !== null && s.end < start)) continue;
        const ended = s.end !== null && s.end <= end;
        t.SWEpisodes.push({
          CHILD: c.id,
          DOB: dob,
          SW_ID: s.id,
          SW_DECOM: d(s.start),
          SW_DEC: ended ? d(s.end) : null,
          SW_REASON: s.reason,
        });
      }
    }
  }
  const tables: Tables903 = {};
  for (const [name, rows] of Object.entries(t) as [TableName, MutableRow[]][]) {
    if (name === 'SWEpisodes' && year < 2024) continue;
    if (name === 'DoLo' && year < 2027) continue;
    tables[name] = { name, file: `${name} (generated ${year})`, rows: rows as Row[] } satisfies Table903;
  }
  return tables;
}

/**
 * Reviews as the Care Planning Regulations set them: the first within 20 working days of
 * coming into care (about four weeks), the second within three months of the first, then
 * at most six months apart.
 */
function cutReviews(out: MutableRow[], c: Child, p: Period, start: Day, end: Day): void {
  const last = Math.min(p.end ?? end, end);
  let due = p.start + 24;
  let next = 3;
  while (due <= last) {
    if (due >= start) {
      out.push({
        CHILD: c.id,
        DOB: formatDate(c.dob),
        REVIEW: formatDate(due),
        REVIEW_CODE:
          ageOn(c.dob, due) < 4
            ? 'PN0'
            : (['PN1', 'PN1', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const)[(due + Number(c.id)) % 9]!,
      });
    }
    due = addMonths(due, next) - 5;
    next = 6;
  }
}

/** OC2: children looked after continuously for the twelve months to 31 March. */
function cutHealth(out: MutableRow[], c: Child, start: Day, end: Day): void {
  const p = c.periods.find((q) => q.start <= start && (q.end === null || q.end > end));
  if (!p) return;
  const ageStart = ageOn(c.dob, start);
  const ageEnd = ageOn(c.dob, end);
  const sdq = ageEnd >= 4 && ageStart < 17;
  const h = c.health;
  out.push({
    CHILD: c.id,
    DOB: formatDate(c.dob),
    SDQ_SCORE: sdq ? String(h.sdqScore) : null,
    SDQ_REASON: null,
    CONVICTED: ageEnd >= 10 ? (h.convicted ? '1' : '0') : null,
    HEALTH_CHECK: ageEnd < 5 ? '1' : null,
    IMMUNISATIONS: '1',
    TEETH_CHECK: '1',
    HEALTH_ASSESSMENT: '1',
    SUBSTANCE_MISUSE: h.substance ? '1' : '0',
    INTERVENTION_RECEIVED: h.substance ? '1' : null,
    INTERVENTION_OFFERED: null,
  });
}
