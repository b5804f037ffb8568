/**
 * A small seeded random source for the demo authority: the same seed gives the same
 * authority, identifiers included. Each part of the generator takes its own stream
 * (`stream('visits')`), so a change to how one part draws does not reshuffle the others.
 */

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** A version 4 UUID drawn from this stream. */
  uuid(): string;
  /** A 32-bit seed for another library (faker). */
  seed(): number;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

interface WeightTable {
  keys: string[];
  /** Running totals of the weights. */
  upTo: number[];
  total: number;
}
const tables = new WeakMap<object, WeightTable>();

/** The running totals of a set of weights, worked out once per weights object. */
function tableOf(weights: Readonly<Record<string, number>>): WeightTable {
  let table = tables.get(weights);
  if (!table) {
    const keys = Object.keys(weights);
    let total = 0;
    const upTo = keys.map((k) => (total += weights[k]!));
    table = { keys, upTo, total };
    tables.set(weights, table);
  }
  return table;
}

/** 32-bit string hash (FNV-1a), to derive a stream's seed from its name. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32: small, fast, and good enough for synthetic data (not for anything secret). */
export function createRandom(seed: number, name = ''): Random {
  let a = 0x9e3779b9;
  let b = seed >>> 0;
  let c = hash(name);
  let d = 1;
  function u32(): number {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  for (let i = 0; i < 15; i++) u32();

  const next = () => u32() / 4294967296;
  const hex = (n: number) => HEX[n >>> 24]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(weights) {
      const table = tableOf(weights);
      const x = next() * table.total;
      let i = 0;
      while (i < table.upTo.length - 1 && x >= table.upTo[i]!) i++;
      return table.keys[i] as never;
    },
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    uuid() {
      const a = hex(u32());
      const b = hex(((u32() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
      const c = hex(((u32() & 0x3fffffff) | 0x80000000) >>> 0); // RFC 4122 variant
      const d = hex(u32());
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    },
    seed: () => u32(),
  };
}

/** Independent named streams from one seed. */
export function randomStreams(seed: number): (name: string) => Random {
  return (name) => createRandom(seed, name);
}
