/**
 * The demo's looked after children: periods of care, their SSDA903 episodes, placements (with
 * made-up postcodes inside the authority, in its neighbours or further away), permanence
 * decisions, looked after reviews chaired by independent reviewing officers, and the
 * statutory visits (in the record's visits). Written only as the use cases would take them
 * (src/looked-after/use-cases.ts): one period at a time, placements end to end within it, an
 * episode for each change of placement or legal status, reviews within the period, nothing
 * after `now`.
 *
 * The children are chosen as the rest of the demo is planned (src/demo/plan.ts); what they
 * show together is set here, from the 2014 report (its "children looked after in this area",
 * paras 81, 88 to 90): where they live, how stable their placements are, how many children
 * each IRO reviews, reviews mostly on time but their records often late. Nothing is stored as a
 * figure: the figures are counted from these rows.
 */
import type { Faker } from '@faker-js/faker';
import type { IsoDate } from '../core/calendar/index.js';
import type { careEpisodes, carePeriods, lookedAfterReviews, placementChanges, placements, visits } from '../schema.js';
import { manchester2014, postcodeDistricts } from './authority.js';
import type { Days } from './days.js';
import type { Random } from './random.js';

export interface LookedAfterRows {
  carePeriods: (typeof carePeriods.$inferInsert)[];
  placements: (typeof placements.$inferInsert)[];
  careEpisodes: (typeof careEpisodes.$inferInsert)[];
  placementChanges: (typeof placementChanges.$inferInsert)[];
  lookedAfterReviews: (typeof lookedAfterReviews.$inferInsert)[];
}

export function emptyLookedAfterRows(): LookedAfterRows {
  return { carePeriods: [], placements: [], careEpisodes: [], placementChanges: [], lookedAfterReviews: [] };
}

/** A child's period of care as the plan chose it: when it began, and how it ended if it has. */
export interface CareChild {
  childId: string;
  dateOfBirth: IsoDate;
  start: IsoDate;
  end: { date: IsoDate; reason: string } | null;
  /** Where the family lives: HOME_POST, and where distances are measured from. */
  homePostcode: string;
  /** The worker who held the case at an instant: who made each visit. */
  workerAt: (ms: number) => string;
}

export interface LookedAfterContext {
  cal: Days;
  today: IsoDate;
  nowMs: number;
  rng: Random;
  ids: Random;
  faker: Faker;
  /**
   * What the SSDA903 asks of a placement that the demo added later (providers' URNs, a
   * placement for adoption before an adoption, a care order for a child placed with parents),
   * drawn from a stream of its own so that `rng` draws as it did before.
   */
  returns: Random;
}

/** DfE REC: why a period of care ended, for the periods that ended in the demo's years. */
const REASON_CEASED = { E4A: 34, E4B: 8, E11: 12, E12: 2, E45: 3, E46: 2, E41: 3, E5: 8, E17: 6, E3: 3, E13: 5, E8: 10 } as const;
/** The CIN episode's reason for closure that goes with each (RC1 adopted, RC3 SGO, RC4 CAO, RC5 moved). */
const CLOSURE_FOR: Record<string, string> = { E11: 'RC1', E12: 'RC1', E45: 'RC3', E46: 'RC3', E41: 'RC4', E3: 'RC5' };
/** REASON_PLACE_CHANGE. */
const MOVE_REASON = { CARPL: 35, CREQB: 15, CREQO: 12, CHILD: 8, STAND: 4, ALLEG: 3, CLOSE: 5, APPRR: 2, LAREQ: 8, OTHER: 8 } as const;
/** CIN: category of need. */
const NEED = { N1: 60, N4: 15, N5: 8, N8: 6, N2: 4, N3: 4, N6: 2, N7: 1 } as const;
/** REVIEW_CODE for a child of 4 or more (PN0 is a child under 4). */
const PARTICIPATION = { PN1: 48, PN2: 8, PN3: 5, PN4: 5, PN5: 9, PN6: 15, PN7: 10 } as const;
const FOSTER = { U6: 48, U4: 24, U3: 13, U1: 10, U5: 3, U2: 2 } as const;
const OTHERS = { K3: 40, Z1: 25, R1: 12, R2: 8, R5: 15 } as const;
/** Out of the authority, by where the child lives (the report's "of whom … live out of the authority area"). */
const OUTSIDE = { home: 0.47, school: 1, foster: 0.61, parents: 0.26 } as const;
/** Of those placed out of the authority, the share over 20 miles from home, before foster care takes the rest. */
const FAR = { home: 0.45, school: 0.7, parents: 0.15, other: 0.2 } as const;

type Group = 'home' | 'school' | 'foster' | 'parents' | 'adoption' | 'other';
type Where = 'inside' | 'near' | 'far';

interface Current {
  type: string;
  group: Group;
  where: Where;
}

const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const districts = (test: (d: { inside: boolean; east: number; north: number }, name: string) => boolean) =>
  Object.entries(postcodeDistricts)
    .filter(([name, d]) => test(d, name))
    .map(([name]) => name);
const INSIDE = districts((d) => d.inside);
// the far districts are the ones more than 30 km from the authority's centre
const FAR_AWAY = districts((d) => !d.inside && Math.hypot(d.east - 384, d.north - 398) > 30);
const NEAR = districts((d, name) => !d.inside && !FAR_AWAY.includes(name));

export function createLookedAfter(ctx: LookedAfterContext) {
  const { cal, rng, ids, faker, today: T, nowMs, returns } = ctx;
  const { addDays, addMonths, addWorkingDays, at, num } = cal;
  const yesterday = addDays(T, -1);
  const yearAgo = addMonths(T, -12);
  const minDate = (a: IsoDate, b: IsoDate) => (a <= b ? a : b);
  const maxDate = (a: IsoDate, b: IsoDate) => (a >= b ? a : b);
  const between = (from: IsoDate, to: IsoDate) => cal.iso(rng.int(num(from), Math.max(num(from), num(to))));
  const ageOn = (dob: IsoDate, on: IsoDate) => {
    const years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
    return on.slice(5) >= dob.slice(5) ? years : years - 1;
  };
  const stamp = (date: IsoDate) => new Date(Math.min(nowMs - 3_600_000, at(date, 17)));

  /** How long ago an open period of care began: some weeks to nearly five years, a third within the year. */
  function openStart(): IsoDate {
    let days = 7 + Math.floor(-Math.log(1 - rng.next()) * 900);
    if (days > 1760) days = rng.int(1000, 1760);
    return addDays(T, -days);
  }

  function ceased(): { reason: string; closure: string } {
    const reason = rng.weighted(REASON_CEASED);
    return { reason, closure: CLOSURE_FOR[reason] ?? 'RC7' };
  }

  function postcode(where: Where): string {
    const district = rng.pick(where === 'inside' ? INSIDE : where === 'near' ? NEAR : FAR_AWAY);
    return `${district} ${rng.int(1, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
  }

  /**
   * The current placement of each child looked after today: the report's numbers in each kind
   * of placement, scaled, each given to children of a fitting age, and where each lives.
   */
  function currentPlacements(open: CareChild[]): Map<string, Current> {
    const n = open.length;
    const f = n / manchester2014.lookedAfter.value;
    const want = {
      home: Math.round(manchester2014.childrensHomes.value * f),
      school: Math.round(manchester2014.residentialSchools.value * f),
      parents: Math.round(manchester2014.placedWithParents.value * f),
      foster: Math.round(manchester2014.fosterCare.value * f),
    };
    const rest = Math.max(0, n - want.home - want.school - want.parents - want.foster);
    const adoption = Math.round(rest * 0.45);
    const out = new Map<string, Current>();
    const left = rng.shuffle(open);
    const take = (count: number, fits: (c: CareChild) => boolean, type: (c: CareChild) => string, group: Group) => {
      let taken = 0;
      for (let i = 0; i < left.length && taken < count;) {
        const c = left[i]!;
        if (fits(c)) {
          out.set(c.childId, { type: type(c), group, where: 'inside' });
          left.splice(i, 1);
          taken++;
        } else i++;
      }
    };
    const age = (c: CareChild) => ageOn(c.dateOfBirth, T);
    take(
      adoption,
      (c) => age(c) < 5 && c.start <= addDays(T, -300),
      () => rng.pick(['A3', 'A4', 'A5', 'A6']),
      'adoption',
    );
    take(
      want.school,
      (c) => age(c) >= 10,
      () => 'S1',
      'school',
    );
    take(
      want.home,
      (c) => age(c) >= 11,
      () => (rng.chance(0.04) ? 'K1' : 'K2'),
      'home',
    );
    take(
      rest - adoption,
      (c) => age(c) >= 14,
      (c) => (age(c) >= 16 ? rng.weighted(OTHERS) : rng.pick(['Z1', 'R1', 'R2'])),
      'other',
    );
    take(
      want.parents,
      () => true,
      () => 'P1',
      'parents',
    );
    take(
      left.length,
      () => true,
      () => rng.weighted(FOSTER),
      'foster',
    );

    // Out of the authority, then over 20 miles from home, by kind of placement as the report has them.
    const byGroup = new Map<Group, Current[]>();
    for (const c of rng.shuffle([...out.values()])) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
    const outsideTotal = Math.round(0.55 * n);
    let outsideSoFar = 0;
    const outside = new Map<Group, number>();
    for (const g of ['home', 'school', 'foster', 'parents'] as const) {
      outside.set(g, Math.round(OUTSIDE[g] * (byGroup.get(g)?.length ?? 0)));
      outsideSoFar += outside.get(g)!;
    }
    const others = (byGroup.get('other')?.length ?? 0) + (byGroup.get('adoption')?.length ?? 0);
    const othersOutside = Math.min(others, Math.max(0, outsideTotal - outsideSoFar));
    const adoptionOutside = Math.round((othersOutside * (byGroup.get('adoption')?.length ?? 0)) / Math.max(1, others));
    outside.set('adoption', adoptionOutside);
    outside.set('other', othersOutside - adoptionOutside);
    const farTotal = Math.round(manchester2014.placedOverTwentyMiles.value * n);
    let farSoFar = 0;
    const far = new Map<Group, number>();
    for (const g of ['home', 'school', 'parents', 'other', 'adoption'] as const) {
      const share = g === 'adoption' ? FAR.other : FAR[g];
      far.set(g, Math.round(share * outside.get(g)!));
      farSoFar += far.get(g)!;
    }
    far.set('foster', Math.min(outside.get('foster')!, Math.max(0, farTotal - farSoFar)));
    for (const [g, list] of byGroup) {
      const o = Math.min(list.length, outside.get(g) ?? 0);
      const fa = Math.min(o, far.get(g) ?? 0);
      list.forEach((c, i) => (c.where = i < fa ? 'far' : i < o ? 'near' : 'inside'));
    }
    return out;
  }

  // ── placements in a period ──────────────────────────────────────────────────

  type Stability = 'stable' | 'unsettled' | 'moving' | 'adoption' | 'any';

  interface PlannedPlacement {
    start: IsoDate;
    type: string;
    where: Where;
  }

  /**
   * The placements' start dates from `S` on, ending with `last` (the current one's), filled in
   * backwards. Unless `moves` is set, no more than two placements fall in the year to today.
   */
  function startsBack(S: IsoDate, fixed: IsoDate[], limitYear: boolean): IsoDate[] {
    const list = [...fixed];
    let e = list[0]!;
    while (e > S) {
      let next = addDays(e, -rng.int(45, 600));
      if (limitYear && e > yearAgo && next > yearAgo) next = addDays(yearAgo, -rng.int(0, 200));
      if (next <= addDays(S, 20)) {
        list.unshift(S);
        break;
      }
      list.unshift(next);
      e = next;
    }
    return list;
  }

  /** The starts of a child's placements looked after today, as the stability it was given asks. */
  function openStarts(S: IsoDate, stability: Stability): IsoDate[] {
    const lastWeek = addDays(T, -7);
    switch (stability) {
      case 'stable': {
        // in the same placement for two years or more
        const c = rng.chance(0.5) ? S : between(S, addMonths(T, -24));
        return startsBack(S, [c], true);
      }
      case 'unsettled': {
        // under two years in the current placement (a child looked after two and a half years)
        return startsBack(S, [between(addDays(addMonths(T, -24), 1), lastWeek)], true);
      }
      case 'moving': {
        // three or more placements in the year
        const c = between(addDays(T, -120), lastWeek);
        const p = between(maxDate(addDays(S, 30), addDays(yearAgo, 1)), addDays(c, -21));
        return startsBack(S, [p, c], false);
      }
      case 'adoption':
        // placed for adoption some months into the period
        return startsBack(S, [between(addDays(S, 200), lastWeek)], true);
      case 'any': {
        if (rng.chance(0.5) || addDays(S, 30) > lastWeek) return [S];
        return startsBack(S, [between(addDays(S, 30), lastWeek)], true);
      }
    }
  }

  /** An earlier placement's type, by the child's age when it began. */
  function earlierType(dob: IsoDate, start: IsoDate): string {
    const age = ageOn(dob, start);
    if (age >= 11 && rng.chance(0.25)) return 'K2';
    return rng.weighted({ U6: 60, U4: 12, U3: 20, U1: 4, P1: 4 });
  }

  function provider(type: string, where: Where): string {
    if (type === 'P1') return 'PR0';
    if (type.startsWith('U')) return where === 'inside' ? (rng.chance(0.8) ? 'PR1' : 'PR4') : rng.chance(0.7) ? 'PR4' : 'PR1';
    if (type === 'K1' || type === 'K2') return where === 'inside' && rng.chance(0.5) ? 'PR1' : rng.chance(0.85) ? 'PR4' : 'PR5';
    if (type.startsWith('A')) return rng.chance(0.7) ? 'PR1' : 'PR5';
    if (type === 'R2' || type === 'R5') return 'PR3';
    if (type === 'S1') return rng.chance(0.6) ? 'PR5' : 'PR4';
    return 'PR4';
  }

  // Ofsted's unique reference numbers: the authority's own fostering service and adoption
  // agency, and the independent agencies it buys foster and adoptive placements from.
  const urn = () => `SC${returns.int(100_000, 999_999)}`;
  const ownFostering = urn();
  const ownAdoption = urn();
  const agencies = Array.from({ length: 12 }, urn);
  const adoptionAgencies = Array.from({ length: 4 }, urn);
  const supportedAccommodation = Array.from({ length: 6 }, urn);

  /**
   * A foster or adoptive placement's URN (DfE rule 218): the registered service's, the
   * authority's own for its own carers. Homes and schools draw theirs with the placement.
   */
  function serviceUrn(type: string, provider: string): string | null {
    if (/^U[1-6]$/.test(type)) return provider === 'PR1' ? ownFostering : returns.pick(agencies);
    if (/^A[3-6]$/.test(type)) return provider === 'PR1' ? ownAdoption : returns.pick(adoptionAgencies);
    // supported accommodation is registered with Ofsted from 2024
    if (type === 'K3') return returns.pick(supportedAccommodation);
    return null;
  }

  function providerName(type: string): string {
    const name = faker.person.lastName();
    if (type.startsWith('U') || type.startsWith('A')) return `${faker.person.firstName()} and ${faker.person.firstName()} ${name}`;
    if (type === 'P1') return 'Parent';
    if (type === 'S1') return `${name} School`;
    if (type === 'R2') return `${name} Hospital`;
    if (type === 'R5') return `${name} Young Offender Institution`;
    return `${name} House`;
  }

  /** Legal statuses from the period's start: s20, or an interim care order then a full one; a placement order before adoption. */
  function legalPath(S: IsoDate, end: IsoDate, adoptionFrom: IsoDate | null, age: number): [IsoDate, string][] {
    const path: [IsoDate, string][] = [];
    if (adoptionFrom && num(adoptionFrom) - num(S) >= 90) {
      const full = between(addDays(S, 30), addDays(adoptionFrom, -40));
      path.push([S, 'C1'], [full, 'C2'], [between(addDays(full, 7), addDays(adoptionFrom, -1)), 'E1']);
    } else if (age >= 15 ? rng.chance(0.7) : rng.chance(0.3)) path.push([S, 'V2']);
    else {
      let from = S;
      if (rng.chance(0.05)) {
        // an emergency protection order first
        path.push([S, 'L2']);
        from = addDays(S, rng.int(3, 8));
      }
      path.push([from, 'C1'], [addDays(S, rng.int(150, 330)), 'C2']);
    }
    return path.filter(([d], i) => i === 0 || (d > S && d < end && d <= yesterday));
  }

  // ── writing a period ────────────────────────────────────────────────────────

  /**
   * RNE for a new placement: placed for adoption with the current foster carers (A3, A5) is a
   * change of placement with the same carers (T, or U with a change of legal status; rule
   * 217); otherwise P, or B with a change of legal status.
   */
  const movedReason = (type: string, changedLegal: boolean): string =>
    type === 'A3' || type === 'A5' ? (changedLegal ? 'U' : 'T') : changedLegal ? 'B' : 'P';

  /**
   * A child too young to move to independent living (16) or to stay on with foster carers at 18
   * went home instead (each closes the children in need episode with RC7).
   */
  const reasonFor = ({ end, dateOfBirth }: CareChild) => {
    const age = ageOn(dateOfBirth, end!.date);
    return (end!.reason === 'E17' && age < 18) || (['E5', 'E6'].includes(end!.reason) && age < 16) ? 'E4A' : end!.reason;
  };

  function writePeriod(
    out: LookedAfterRows,
    visitRows: (typeof visits.$inferInsert)[],
    c: CareChild,
    planned: PlannedPlacement[],
    iro: { name: string; others: string[] } | null,
  ): void {
    planned.forEach((p, i) => {
      const next = planned[i + 1];
      // A child is placed for adoption under a placement order from foster care (DfE rule 336).
      if (next && (next.type === 'A3' || next.type === 'A4') && !/^U[1-6]$|^A[3-6]$/.test(p.type)) p.type = 'U6';
      // Supported accommodation is for young people of 16 or more (rule 371): a younger one
      // moves there on their sixteenth birthday, or, placed there from the start, is in a
      // residential care home instead.
      const sixteen = `${Number(c.dateOfBirth.slice(0, 4)) + 16}${c.dateOfBirth.slice(4)}`;
      if (p.type === 'K3' && p.start < sixteen) {
        const previous = planned[i - 1];
        const until = next?.start ?? c.end?.date ?? T;
        if (previous && sixteen < until && sixteen <= yesterday) p.start = sixteen;
        else p.type = 'R1';
      }
    });
    const S = c.start;
    const end = c.end?.date ?? null;
    const until = end ?? yesterday;
    const periodId = ids.uuid();
    let iroName: string | null = null;
    let iroAppointed: IsoDate | null = null;
    if (iro) {
      const appointed = addWorkingDays(S, rng.chance(0.9) ? rng.int(1, 5) : rng.int(6, 15));
      if (end !== null || appointed <= yesterday) {
        iroName = iro.name;
        iroAppointed = end !== null ? minDate(appointed, end) : appointed;
      }
    }
    out.carePeriods.push({
      id: periodId,
      childId: c.childId,
      startDate: S,
      endDate: end,
      reasonCeased: c.end ? reasonFor(c) : null,
      shortBreaks: false,
      iroName,
      iroAppointedDate: iroAppointed,
      recordedBy: null,
      createdAt: stamp(S),
      updatedAt: stamp(end ?? S),
      version: 1,
    });

    // placements end to end, the last ending with the period
    const placementIds: string[] = [];
    planned.forEach((p, i) => {
      const next = planned[i + 1];
      const pEnd = next ? next.start : end;
      const id = ids.uuid();
      placementIds.push(id);
      const longTerm = (p.type === 'U1' || p.type === 'U4') && rng.chance(0.6);
      const postcodeOf = p.type === 'P1' && p.where === 'inside' && rng.chance(0.5) ? c.homePostcode : postcode(p.where);
      const providerCode = provider(p.type, p.where);
      const name = providerName(p.type);
      const homeUrn = p.type === 'K1' || p.type === 'K2' || p.type === 'S1' ? `SC${String(rng.int(0, 999_999)).padStart(6, '0')}` : null;
      out.placements.push({
        id,
        childId: c.childId,
        carePeriodId: periodId,
        startDate: p.start,
        endDate: pEnd,
        reasonForChange: next ? rng.weighted(MOVE_REASON) : null,
        placementType: p.type,
        provider: providerCode,
        providerName: name,
        urn: homeUrn ?? serviceUrn(p.type, providerCode),
        placementPostcode: postcodeOf,
        homePostcode: c.homePostcode,
        intendedToAge18: longTerm,
        visitRegime: 'standard',
        recordedBy: null,
        createdAt: stamp(p.start),
      });
      // a permanence decision some months into a foster placement that lasts
      const lasts = pEnd ?? T;
      if (!longTerm && p.type.startsWith('U') && num(lasts) - num(p.start) > 400 && rng.chance(0.3)) {
        const changeDate = addDays(p.start, rng.int(120, 360));
        if (changeDate < lasts && changeDate <= yesterday) {
          out.placementChanges.push({
            id: ids.uuid(),
            childId: c.childId,
            placementId: id,
            changeDate,
            intendedToAge18: true,
            visitRegime: 'standard',
            recordedBy: null,
            createdAt: stamp(changeDate),
          });
        }
      }
      visitsIn(visitRows, c, p.start, minDate(pEnd ?? yesterday, yesterday), longTerm);
    });

    // episodes: one for each day the placement or the legal status changed
    const adoption = planned.at(-1)!.type.startsWith('A') ? planned.at(-1)!.start : null;
    let legal = legalPath(S, end ?? T, adoption, ageOn(c.dateOfBirth, S));
    // A child is placed with parents under a care order, never under section 20 alone (DfE rule
    // 378): a period with such a placement is under an interim care order, then a full one.
    if (legal.every(([, status]) => status === 'V2') && planned.some((p) => p.type === 'P1')) {
      const full = addDays(S, returns.int(150, 330));
      legal = [[S, 'C1'], ...(full < (end ?? T) && full <= yesterday ? [[full, 'C2'] as [IsoDate, string]] : [])];
    }
    const need = rng.weighted(NEED);
    const days = [...new Set([...planned.map((p) => p.start), ...legal.map(([d]) => d)])].sort();
    for (const d of days) {
      const moved = planned.findIndex((p) => p.start === d);
      const changedLegal = legal.some(([l]) => l === d);
      let status = legal[0]![1];
      for (const [l, s] of legal) if (l <= d) status = s;
      let placementIndex = 0;
      planned.forEach((p, i) => (p.start <= d ? (placementIndex = i) : undefined));
      out.careEpisodes.push({
        id: ids.uuid(),
        childId: c.childId,
        carePeriodId: periodId,
        startDate: d,
        reasonNew: d === S ? 'S' : moved > 0 ? movedReason(planned[moved]!.type, changedLegal) : 'L',
        legalStatus: status,
        categoryOfNeed: need,
        placementId: placementIds[placementIndex]!,
        recordedBy: null,
        createdAt: stamp(d),
      });
    }

    // reviews: within 20 working days, then 3 months, then every 6 (reg 33); most on time
    if (iroName === null) return;
    let due = addWorkingDays(S, 20);
    for (let first = true; ; first = false) {
      const date = rng.chance(0.93) ? addDays(due, -rng.int(0, 12)) : addDays(due, rng.int(1, 25));
      if (date > until || (end !== null && date >= end)) break;
      const circulated = addWorkingDays(date, rng.chance(0.88) ? rng.int(1, 5) : rng.int(6, 15));
      // the IRO's record often weeks or months late (para 90)
      const record = addWorkingDays(date, rng.chance(0.7) ? rng.int(5, 20) : rng.int(21, 70));
      // a few chaired by another IRO, covering
      const chair = rng.chance(0.85) ? iroName : rng.pick(iro!.others);
      out.lookedAfterReviews.push({
        id: ids.uuid(),
        childId: c.childId,
        carePeriodId: periodId,
        reviewDate: date,
        participation: ageOn(c.dateOfBirth, date) < 4 ? 'PN0' : rng.weighted(PARTICIPATION),
        iroName: chair,
        decisionsCirculatedDate: circulated <= yesterday ? circulated : null,
        recordCompletedDate: record <= yesterday ? record : null,
        recordedBy: null,
        createdAt: stamp(date),
      });
      due = first ? addMonths(date, 3) : addMonths(date, 6);
    }
  }

  /**
   * The statutory visits in a placement (reg 28): within a week of its start, then every six
   * weeks, or three months in a placement meant to last until 18 once a year old; some late.
   */
  function visitsIn(visitRows: (typeof visits.$inferInsert)[], c: CareChild, from: IsoDate, to: IsoDate, longTerm: boolean) {
    let d = addDays(from, rng.chance(0.9) ? rng.int(1, 7) : rng.int(8, 14));
    for (let n = 0; d <= to && n < 60; n++) {
      const seen = rng.chance(0.95);
      visitRows.push({
        id: ids.uuid(),
        childId: c.childId,
        visitDate: d,
        workerId: c.workerAt(at(d, 12)),
        childSeen: seen,
        seenAlone: seen && ageOn(c.dateOfBirth, d) >= 6 && rng.chance(0.6),
        purpose: 'looked_after',
        notes: null,
        recordedAt: new Date(Math.min(nowMs - 3_600_000, at(addDays(d, rng.chance(0.1) ? rng.int(10, 60) : rng.int(0, 3)), 16))),
        recordedBy: null,
      });
      const yearOn = num(d) - num(from) > 365;
      d = addDays(d, longTerm && yearOn ? rng.int(60, 88) : rng.chance(0.9) ? rng.int(25, 41) : rng.int(43, 60));
    }
  }

  /**
   * Every child's periods of care as rows: those looked after today with the placements, places
   * and stability the report found, IROs carrying about 110 children each; those whose period
   * ended with placements of their own.
   */
  function write(out: LookedAfterRows, visitRows: (typeof visits.$inferInsert)[], children: readonly CareChild[]): void {
    const open = children.filter((c) => c.end === null);
    const current = currentPlacements(open);

    // Long-term stability: of children under 16 looked after two and a half years, 63.7% in the
    // same placement two years or placed for adoption; short-term: 8% with three placements in the year.
    const cohort = open.filter((c) => c.start <= addMonths(T, -30) && ageOn(c.dateOfBirth, T) < 16);
    const adopted = (c: CareChild) => current.get(c.childId)!.group === 'adoption';
    const stableWanted = Math.round(manchester2014.longTermStability.value * cohort.length) - cohort.filter(adopted).length;
    const stability = new Map<string, Stability>();
    for (const c of open) if (adopted(c)) stability.set(c.childId, 'adoption');
    const inCohort = rng.shuffle(cohort.filter((c) => !adopted(c)));
    inCohort.forEach((c, i) => stability.set(c.childId, i < stableWanted ? 'stable' : 'unsettled'));
    const movers = rng
      .shuffle(open.filter((c) => stability.get(c.childId) !== 'stable' && !adopted(c) && c.start <= addDays(T, -180)))
      .slice(0, Math.round(manchester2014.shortTermInstability.value * open.length));
    for (const c of movers) stability.set(c.childId, 'moving');

    // IROs: about 110 children each, some carrying more than others
    const iroCount = Math.max(1, Math.round(open.length / manchester2014.iroCaseload.value));
    const iros = Array.from({ length: iroCount }, () => `${faker.person.firstName()} ${faker.person.lastName()}`);
    const loads = apportion(
      open.length,
      iros.map(() => 0.85 + rng.next() * 0.3),
    );
    const iroOf = rng.shuffle(iros.flatMap((name, i) => Array<string>(loads[i]!).fill(name)));

    open.forEach((c, i) => {
      const cur = current.get(c.childId)!;
      const starts = openStarts(c.start, stability.get(c.childId) ?? 'any');
      const planned: PlannedPlacement[] = starts.map((start, j) =>
        j === starts.length - 1
          ? { start, type: cur.type, where: cur.where }
          : { start, type: earlierType(c.dateOfBirth, start), where: rng.chance(0.45) ? 'inside' : rng.chance(0.9) ? 'near' : 'far' },
      );
      writePeriod(out, visitRows, c, planned, { name: iroOf[i]!, others: iros });
    });
    for (const c of children) {
      if (c.end === null) continue;
      const starts: IsoDate[] = [c.start];
      for (let s = addDays(c.start, rng.int(60, 500)); s < addDays(c.end.date, -14); s = addDays(s, rng.int(60, 500))) starts.push(s);
      const adoption = c.end.reason === 'E11' || c.end.reason === 'E12';
      const planned: PlannedPlacement[] = starts.map((start, j) => ({
        start,
        type: adoption && j === starts.length - 1 && j > 0 ? 'A4' : earlierType(c.dateOfBirth, start),
        where: rng.chance(0.5) ? 'inside' : rng.chance(0.85) ? 'near' : 'far',
      }));
      // A special guardianship order to former foster carers ends a foster placement (rule 516).
      const last = planned.at(-1)!;
      if ((c.end.reason === 'E45' || c.end.reason === 'E46') && !/^U[1-6]$/.test(last.type)) last.type = 'U4';
      // Adopted from a placement for adoption (rule 390), some weeks after the placement began.
      if (adoption && planned.length === 1) {
        const days = num(c.end.date) - num(c.start);
        planned.push({ start: addDays(c.end.date, -Math.max(1, Math.min(91, Math.floor(days / 2)))), type: 'A4', where: 'near' });
      }
      writePeriod(out, visitRows, c, planned, { name: rng.pick(iros), others: iros });
    }
  }

  return { openStart, ceased, write, random: rng };
}

/** Whole numbers in proportion to the weights, adding up to `total` (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

export type LookedAfter = ReturnType<typeof createLookedAfter>;
