/**
 * The demo's adoptions, read from its own periods of care: each period with a placement for
 * adoption (A3 to A6) or a placement order (E1), or ended by adoption (E11, E12), has the
 * adoption journey that led to it. The agency decision maker decided the child should be
 * placed for adoption after the period began and before the placement order and the
 * placement (DfE rules 334, 552, 554, 1003); the authority to place is the placement order,
 * or the parents' consent where the period had none; the match comes between the authority
 * and the placement (331, 333), the adopters approved before it; the placement is the first
 * placement for adoption, with the foster carers when it is A3 or A5 (335); the adoption order
 * is the day the period ended by adoption (601, 602). And each child who started a period of
 * care since the start of last year's collection year has their permanence before care
 * recorded: mostly none, a few adopted, under a special guardianship order or a child
 * arrangements order before. Drawn from streams of its own, after the rest, so the rest of
 * the authority is unchanged by it.
 */
import { addDays, ageOn, daysBetween } from '../core/calendar/index.js';
import type { adopterHouseholds, adoptionJourneys, previousPermanence } from '../schema.js';
import type { Random } from './random.js';

type IsoDate = string;

export interface AdoptionRows {
  adopterHouseholds: (typeof adopterHouseholds.$inferInsert)[];
  adoptionJourneys: (typeof adoptionJourneys.$inferInsert)[];
  previousPermanence: (typeof previousPermanence.$inferInsert)[];
}

export function emptyAdoptionRows(): AdoptionRows {
  return { adopterHouseholds: [], adoptionJourneys: [], previousPermanence: [] };
}

/** The parts of the planned record the adoptions are drawn from. */
export interface AdoptionSource {
  children: { id?: string; dateOfBirth?: string | null; ethnicity?: string }[];
  carePeriods: { id?: string; childId: string; startDate: string; endDate?: string | null; reasonCeased?: string | null }[];
  placements: { id?: string; carePeriodId: string; startDate: string; placementType: string }[];
  careEpisodes: { carePeriodId: string; startDate: string; legalStatus: string }[];
}

export interface AdoptionContext {
  today: IsoDate;
  rng: Random;
  ids: Random;
  firstName: (sex: 'M' | 'F') => string;
  lastName: () => string;
}

/** The adopters as a household: how many, their sexes and legal status, as DfE's AD1 codes pair them (rules 511 to 524). */
const HOUSEHOLDS = {
  'MF L11': 52,
  'MF L3': 12,
  'FF L12': 5,
  'MM L12': 4,
  'FF L2': 3,
  'MM L4': 3,
  'F1 L0': 18,
  'M1 L0': 3,
} as const;
/** The permanence a child had before care: mostly none. */
const PREVIOUS = { Z1: 92, P1: 2, P2: 4, P3: 2 } as const;
/** Where an earlier order was made: mostly the authority itself (352), some its neighbours, a few not known. */
const ARRANGED_BY = ['352', '352', '352', '350', '354', '355', '356', '999'] as const;

const ETHNIC_GROUP: Record<string, 'white' | 'mixed' | 'asian' | 'black' | 'other'> = {
  W: 'white',
  M: 'mixed',
  A: 'asian',
  B: 'black',
};

/** A day from `from` to `to` (both included); `from` when the span is empty. */
function between(rng: Random, from: IsoDate, to: IsoDate): IsoDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}
const maxDate = (a: IsoDate, b: IsoDate) => (a >= b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a <= b ? a : b);

/** The first day of the collection year (1 April to 31 March) a day falls in. */
function collectionYearStart(day: IsoDate): IsoDate {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? `${year}-04-01` : `${year - 1}-04-01`;
}

export function planAdoption(source: AdoptionSource, ctx: AdoptionContext): AdoptionRows {
  const { today: T, rng, ids } = ctx;
  const out = emptyAdoptionRows();
  const childOf = new Map(source.children.filter((c) => c.id).map((c) => [c.id!, c]));
  const placementsOf = new Map<string, AdoptionSource['placements']>();
  for (const p of source.placements) {
    const list = placementsOf.get(p.carePeriodId) ?? [];
    list.push(p);
    placementsOf.set(p.carePeriodId, list);
  }
  const placementOrderOn = new Map<string, IsoDate>();
  for (const e of source.careEpisodes) {
    if (e.legalStatus !== 'E1') continue;
    const known = placementOrderOn.get(e.carePeriodId);
    if (known === undefined || e.startDate < known) placementOrderOn.set(e.carePeriodId, e.startDate);
  }

  const periods = [...source.carePeriods].sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (const period of periods) {
    const child = childOf.get(period.childId);
    if (!period.id || !child?.dateOfBirth) continue;
    const placed = (placementsOf.get(period.id) ?? [])
      .filter((p) => /^A[3-6]$/.test(p.placementType))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    const order = placementOrderOn.get(period.id) ?? null;
    const adopted = period.reasonCeased === 'E11' || period.reasonCeased === 'E12';
    if (!placed && !order && !adopted) continue;
    if (!placed) continue; // the demo places every child it adopts, or holds under a placement order, for adoption first
    const S = maxDate(period.startDate, child.dateOfBirth);
    // the decision before the placement order, or before the placement where the parents consented
    const before = order ?? placed.startDate;
    const decidedOn = between(rng, maxDate(S, addDays(before, -150)), maxDate(S, addDays(before, -10)));
    const authorityOn = order ?? between(rng, decidedOn, minDate(addDays(decidedOn, 30), placed.startDate));
    const matchedOn = between(
      rng,
      minDate(addDays(authorityOn, 14), placed.startDate),
      maxDate(authorityOn, addDays(placed.startDate, -7)),
    );
    const withCarers = placed.placementType === 'A3' || placed.placementType === 'A5';
    const previous = (placementsOf.get(period.id) ?? [])
      .filter((p) => p.startDate < placed.startDate)
      .sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
    const ageMatched = ageOn(child.dateOfBirth, matchedOn);
    const [sexes, legalStatus] = rng.weighted(HOUSEHOLDS).split(' ') as [string, string];
    const two = sexes.length === 2 && sexes !== 'M1' && sexes !== 'F1';
    const sexOf = (i: number): 'M' | 'F' => (two ? sexes[i] : sexes[0]) as 'M' | 'F';
    const surname = ctx.lastName();
    const approvedOn = addDays(matchedOn, -rng.int(30, 300));
    const stageTwo = addDays(approvedOn, -rng.int(90, 140));
    const stageOne = addDays(stageTwo, -rng.int(0, 30));
    const registered = addDays(stageOne, -rng.int(45, 70));
    const adopterId = ids.uuid();
    out.adopterHouseholds.push({
      id: adopterId,
      name: two ? `${ctx.firstName(sexOf(0))} and ${ctx.firstName(sexOf(1))} ${surname}` : `${ctx.firstName(sexOf(0))} ${surname}`,
      enquiryOn: addDays(registered, -rng.int(7, 60)),
      registrationAcceptedOn: registered,
      stageOneCompletedOn: stageOne,
      stageTwoStartedOn: stageTwo,
      approvedOn,
      numberOfAdopters: two ? 2 : 1,
      sexes,
      legalStatus,
      ethnicGroup: ETHNIC_GROUP[(child.ethnicity ?? 'O')[0]!] ?? 'other',
      maxChildren: rng.chance(0.3) ? 2 : 1,
      ageFrom: 0,
      ageTo: Math.min(17, Math.max(4, ageMatched + rng.int(1, 3))),
    });
    out.adoptionJourneys.push({
      id: ids.uuid(),
      childId: period.childId,
      decidedOn,
      earlyPermanence: withCarers && rng.chance(0.3) ? 'foster_to_adopt' : null,
      authorityOn,
      authorityBasis: order ? 'placement_order' : 'consent',
      matchPanelOn: maxDate(decidedOn, addDays(matchedOn, -rng.int(3, 14))),
      matchedOn,
      adopterId,
      // with the foster carers who adopt: they had the child from the placement before
      movedInOn: withCarers && previous ? previous.startDate : null,
      placedOn: placed.startDate,
      fosterCarerAdoption: withCarers,
      adoptionOrderOn: adopted ? (period.endDate ?? null) : null,
    });
  }

  // permanence before care, for each child who started a period of care since last year's collection year began
  const since = collectionYearStart(addDays(collectionYearStart(T), -1));
  const firstStart = new Map<string, IsoDate>();
  for (const p of periods) if (!firstStart.has(p.childId)) firstStart.set(p.childId, p.startDate);
  const recorded = new Set<string>();
  for (const p of periods) {
    if (p.startDate < since || recorded.has(p.childId)) continue;
    const child = childOf.get(p.childId);
    if (!child?.dateOfBirth) continue;
    recorded.add(p.childId);
    let code: string = rng.weighted(PREVIOUS);
    // an order before care is made after birth and some months before the child's first period began
    const room = daysBetween(child.dateOfBirth, firstStart.get(p.childId)!) - 270;
    if (room < 0) code = 'Z1';
    out.previousPermanence.push({
      id: ids.uuid(),
      childId: p.childId,
      code,
      arrangedBy: code === 'Z1' ? null : rng.pick(ARRANGED_BY),
      madeOn: code === 'Z1' ? null : addDays(child.dateOfBirth, 180 + rng.int(0, Math.max(0, room))),
    });
  }
  return out;
}
