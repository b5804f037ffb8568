/**
 * A child's facts in date order, indexed by kind and episode, prepared once per
 * computation so that every rule reads them cheaply and in the same order (which is
 * what makes the clock's answer independent of the order the facts arrived in).
 */
import { type IsoDate, compareMoments, momentSortKey } from '../core/calendar/index.js';
import { type ChildFacts, type Fact, type FactKind, isFactKind } from './facts.js';

/** A process with a start and, once it has one, an end: a period of care, a plan, a placement. */
export interface Span {
  episode: string;
  start: Fact;
  end: Fact | null;
}

export interface Timeline {
  readonly child: ChildFacts;
  readonly dateOfBirth: IsoDate | null;
  /** Known kinds only, in date order (a plain date before any time that day), then kind, then id. */
  readonly facts: readonly Fact[];
  /** Facts of these kinds, in date order. */
  of(...kinds: FactKind[]): readonly Fact[];
  /** Facts of these kinds in one episode, in date order. */
  inEpisode(episode: string, ...kinds: FactKind[]): readonly Fact[];
  /**
   * Each episode's first start fact with the end fact of the same episode (the first
   * not before it); an end fact with no episode closes the latest span open before it.
   */
  spans(startKind: FactKind, endKind: FactKind): readonly Span[];
}

const EMPTY: readonly Fact[] = Object.freeze([]);

export function episodeOf(fact: Fact): string {
  return fact.episode ?? fact.id;
}

export function prepareTimeline(child: ChildFacts): Timeline {
  const keyed = child.facts.filter((f) => isFactKind(f.kind)).map((f) => ({ f, key: momentSortKey(f.at) }));
  keyed.sort((a, b) =>
    a.key < b.key
      ? -1
      : a.key > b.key
        ? 1
        : a.f.kind < b.f.kind
          ? -1
          : a.f.kind > b.f.kind
            ? 1
            : a.f.id < b.f.id
              ? -1
              : a.f.id > b.f.id
                ? 1
                : 0,
  );
  const facts = keyed.map((k) => k.f);

  const byKind = new Map<FactKind, Fact[]>();
  for (const f of facts) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  const cache = new Map<string, readonly Fact[]>();
  const spanCache = new Map<string, readonly Span[]>();

  function of(...kinds: FactKind[]): readonly Fact[] {
    if (kinds.length === 1) return byKind.get(kinds[0]!) ?? EMPTY;
    const cacheKey = kinds.join('|');
    let hit = cache.get(cacheKey);
    if (!hit) {
      const wanted = new Set(kinds);
      hit = facts.filter((f) => wanted.has(f.kind));
      cache.set(cacheKey, hit);
    }
    return hit;
  }

  const byKindEpisode = new Map<string, Map<string, Fact[]>>();
  function inEpisode(episode: string, ...kinds: FactKind[]): readonly Fact[] {
    const kindsKey = kinds.length === 1 ? kinds[0]! : kinds.join('|');
    let index = byKindEpisode.get(kindsKey);
    if (!index) {
      index = new Map();
      for (const f of of(...kinds)) {
        if (f.episode == null) continue;
        const list = index.get(f.episode);
        if (list) list.push(f);
        else index.set(f.episode, [f]);
      }
      byKindEpisode.set(kindsKey, index);
    }
    return index.get(episode) ?? EMPTY;
  }

  function spans(startKind: FactKind, endKind: FactKind): readonly Span[] {
    const cacheKey = `${startKind}>${endKind}`;
    let hit = spanCache.get(cacheKey);
    if (hit) return hit;
    // An episode starts once: a repeated start of the same episode is ignored.
    const firstStarts = new Map<string, Fact>();
    for (const start of of(startKind)) if (!firstStarts.has(episodeOf(start))) firstStarts.set(episodeOf(start), start);
    const starts = [...firstStarts.values()];
    const ends = of(endKind);
    const used = new Set<Fact>();
    const result: Span[] = starts.map((start) => {
      const episode = episodeOf(start);
      const end = ends.find((e) => !used.has(e) && e.episode === episode && compareMoments(e.at, start.at) >= 0) ?? null;
      if (end) used.add(end);
      return { episode, start, end };
    });
    // End facts without an episode close the latest span still open before them.
    for (const e of ends) {
      if (used.has(e) || e.episode) continue;
      const open = [...result].reverse().find((s) => s.end === null && compareMoments(e.at, s.start.at) >= 0);
      if (open) {
        open.end = e;
        used.add(e);
      }
    }
    hit = result;
    spanCache.set(cacheKey, hit);
    return hit;
  }

  return { child, dateOfBirth: child.dateOfBirth, facts, of, inEpisode, spans };
}
