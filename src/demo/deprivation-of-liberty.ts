/**
 * The demo's deprivation of liberty orders: a few young people of 16 and 17 in children's homes
 * whose care plan restricts their liberty beyond what the home's registration allows, so the
 * authority went to court. Each order is written as the record takes it
 * (src/looked-after/use-cases.ts, `checkOrder`): within its period of care, one at a time for
 * a child, never while the child is placed where DfE's rule 710 says an order cannot run, and
 * none left open once care has ended. Each lies inside one children's home placement (K2), so
 * every SSDA903 episode it overlaps is one DfE's rule 709 expects. Drawn from streams of their
 * own, after the rest, so the rest of the authority is unchanged by them.
 */
import type { IsoDate } from '../core/calendar/index.js';
import type { carePeriods, children, deprivationOfLibertyOrders, placements } from '../schema.js';
import type { DemoStreams } from './streams.js';

export interface DeprivationOfLibertyRows {
  deprivationOfLibertyOrders: (typeof deprivationOfLibertyOrders.$inferInsert)[];
}

export function emptyDeprivationOfLibertyRows(): DeprivationOfLibertyRows {
  return { deprivationOfLibertyOrders: [] };
}

/** What the orders are drawn from: the children and their periods of care and placements. */
interface Source {
  children: Pick<typeof children.$inferInsert, 'id' | 'dateOfBirth'>[];
  carePeriods: Pick<typeof carePeriods.$inferInsert, 'id' | 'startDate' | 'endDate'>[];
  placements: Pick<typeof placements.$inferInsert, 'childId' | 'carePeriodId' | 'startDate' | 'endDate' | 'placementType'>[];
}

export type DeprivationOfLibertyContext = DemoStreams;

/**
 * How many, at full size. The 2014 report predates the orders as the SSDA903 counts them, so
 * these are the demo's own: an authority of this size applies to court for a handful of its
 * looked after teenagers a year, and an order lasts some months, often until the young person
 * turns 18 or moves to a placement where it is no longer needed.
 */
export const deprivationOfLiberty = {
  open: { value: 5, source: 'The demo’s assumption: orders in force on the day, for young people of 16 and 17 in children’s homes' },
  ended: {
    value: 7,
    source:
      'The demo’s assumption: orders that ended in the two years before the day (the young person moved, turned 18 or no longer needed it)',
  },
} as const;

/** How far back the demo's orders start, and the shortest an order runs. */
const HISTORY_DAYS = 730;
const SHORTEST_DAYS = 28;

/**
 * Placements an order runs in here: children's homes, which DfE's rule 709 expects an order in
 * (with Z12 and Z13, where the demo places no one) and rule 710 does not refuse.
 */
const HOMES = new Set(['K2']);

export function planDeprivationOfLiberty(rows: Source, ctx: DeprivationOfLibertyContext): DeprivationOfLibertyRows {
  const { cal, today: T, nowMs, rng, ids } = ctx;
  const { addDays, addMonths, num, iso, at } = cal;
  const yesterday = addDays(T, -1);
  const earliest = addDays(T, -HISTORY_DAYS);
  const out = emptyDeprivationOfLibertyRows();
  const wantOpen = Math.max(1, Math.round(deprivationOfLiberty.open.value * ctx.scale));
  const wantEnded = Math.max(1, Math.round(deprivationOfLiberty.ended.value * ctx.scale));
  const dobOf = new Map(rows.children.map((c) => [c.id!, c.dateOfBirth ?? null]));
  const periodOf = new Map(rows.carePeriods.map((p) => [p.id!, p]));

  let open = 0;
  let ended = 0;
  const taken = new Set<string>();
  for (const p of rng.shuffle(rows.placements.filter((p) => HOMES.has(p.placementType)))) {
    if (open >= wantOpen && ended >= wantEnded) break;
    const dob = dobOf.get(p.childId);
    const period = periodOf.get(p.carePeriodId);
    if (!dob || !period || taken.has(p.childId)) continue;
    const sixteen = addMonths(dob, 16 * 12);
    const eighteen = addMonths(dob, 18 * 12);
    // Strictly inside the placement: an episode that ends or starts on the order's first or
    // last day overlaps it as the SSDA903's rules read dates, so the neighbours must not touch.
    const from = [addDays(p.startDate, 1), sixteen, earliest].reduce((a, b) => (a > b ? a : b));
    const stillOpen = p.endDate == null && period.endDate == null && eighteen > T;
    const lastEnd = [p.endDate ? addDays(p.endDate, -1) : yesterday, addDays(eighteen, -1), yesterday].reduce((a, b) => (a < b ? a : b));
    if (stillOpen && open < wantOpen && num(yesterday) - num(from) >= SHORTEST_DAYS) {
      const startDate = iso(rng.int(num(from), num(yesterday) - SHORTEST_DAYS));
      out.deprivationOfLibertyOrders.push(order(p, startDate, null));
      open++;
    } else if (ended < wantEnded && num(lastEnd) - num(from) >= SHORTEST_DAYS) {
      const startDate = iso(rng.int(num(from), num(lastEnd) - SHORTEST_DAYS));
      const endDate = iso(rng.int(num(startDate) + SHORTEST_DAYS, num(lastEnd)));
      out.deprivationOfLibertyOrders.push(order(p, startDate, endDate));
      ended++;
    } else continue;
    taken.add(p.childId);
  }
  return out;

  function order(p: Source['placements'][number], startDate: IsoDate, endDate: IsoDate | null) {
    const created = new Date(Math.min(nowMs - 3_600_000, at(startDate, rng.int(10, 16), rng.int(0, 59))));
    const updated = endDate ? new Date(Math.min(nowMs - 3_600_000, at(endDate, rng.int(10, 16), rng.int(0, 59)))) : created;
    return {
      id: ids.uuid(),
      childId: p.childId,
      carePeriodId: p.carePeriodId,
      startDate,
      endDate,
      recordedBy: null,
      createdAt: created,
      updatedAt: updated,
    };
  }
}
