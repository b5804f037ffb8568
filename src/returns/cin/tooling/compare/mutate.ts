/**
 * Random damage to a generated CIN census, for comparing validators (the 903's
 * compare/mutate.ts does the same for CSV tables): a value slipped to one another child has
 * in the same field, a date moved or unreadable, a blank, a repeated or dropped entry.
 * Most rules then fire somewhere, on the messy data real returns have.
 */
import type { CinReturn } from '../../model.js';
import type { Random } from '../synthetic.js';

type Node = Record<string, unknown>;

const SHIFTS = [1, -1, 2, -2, 7, -7, 14, -14, 30, -30, 45, -45, 90, -90, 365, -365, 730, -3650];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function shift(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every value seen for each field name, so a damaged value can be another child's. */
function valuesByField(node: unknown, out: Map<string, string[]>): void {
  if (Array.isArray(node)) {
    for (const x of node) valuesByField(x, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Node)) {
    if (typeof v === 'string') {
      let list = out.get(k);
      if (!list) out.set(k, (list = []));
      if (list.length < 200 && !list.includes(v)) list.push(v);
    } else valuesByField(v, out);
  }
}

function damage(rng: Random, field: string, value: string | null, seen: Map<string, string[]>): string | null {
  const r = rng.next();
  if (r < 0.15) return null;
  if (value !== null && ISO.test(value)) {
    if (r < 0.22) return rng.int(0, 1) ? value.replace(/-/g, '/') : `${value.slice(0, 8)}31`;
    return shift(value, SHIFTS[rng.int(0, SHIFTS.length - 1)]!);
  }
  const others = seen.get(field) ?? [];
  if (r < 0.85 && others.length) return others[rng.int(0, others.length - 1)]!;
  return ['X', '99', 'ZZ', '0'][rng.int(0, 3)]!;
}

function mutateNode(node: Node, rng: Random, rate: number, seen: Map<string, string[]>): number {
  let changes = 0;
  for (const [k, v] of Object.entries(node)) {
    // The child's identifier stays: a shared or missing one makes the other validator join
    // children's records together (compared on its own, see run.ts --no-seed).
    if (k === 'LAchildID') continue;
    if (typeof v === 'string' || v === null) {
      if (rng.chance(rate)) {
        node[k] = damage(rng, k, v, seen);
        changes++;
      }
    } else if (Array.isArray(v)) {
      if (v.length && rng.chance(rate / 4)) {
        v.splice(rng.int(0, v.length - 1), 1); // dropped
        changes++;
        // a second draw of the dice, not the condition above again
        // eslint-disable-next-line no-dupe-else-if
      } else if (v.length && rng.chance(rate / 4)) {
        const x = v[rng.int(0, v.length - 1)];
        v.push(typeof x === 'object' && x !== null ? structuredClone(x) : x); // entered twice
        changes++;
      }
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === 'object' && v[i] !== null) changes += mutateNode(v[i] as Node, rng, rate, seen);
        else if (rng.chance(rate)) {
          v[i] = damage(rng, k, v[i] as string | null, seen);
          changes++;
        }
      }
    } else if (v && typeof v === 'object') changes += mutateNode(v as Node, rng, rate, seen);
  }
  return changes;
}

/**
 * Damages about `rate` of the values in the children's records (not the header, whose
 * reference date every rule reads). Returns how many changes it made.
 */
export function mutateCin(ret: CinReturn, rng: Random, rate: number): number {
  const seen = new Map<string, string[]>();
  valuesByField(ret.children, seen);
  let changes = 0;
  for (const child of ret.children) changes += mutateNode(child as unknown as Node, rng, rate, seen);
  return changes;
}
