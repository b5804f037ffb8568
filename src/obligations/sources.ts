import { Param, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type ChildFacts, type Fact, FACT_KIND_LIST, type FactKind, policySettings, ruleById, type RuleSetting } from '../clock/index.js';
import type { AccessRole } from '../core/auth/schema.js';
import { rows, type Db } from '../core/db/database.js';
import type { Area } from '../core/http/area.js';

/**
 * Where the clock's input comes from. Each area of practice turns its own tables into dated
 * facts (its facts.ts, one query); obligations imports no area, so the composition root
 * (src/areas.ts) gives it every area's queries once, at start.
 */

/** What the clock needs of a child beside their facts: birth and disability. */
export interface ClockChild {
  childId: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  disabled: boolean;
}

/** A child's facts, as the engine reads them. */
export interface ChildRecordFacts extends ChildFacts {
  childId: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  disabled: boolean;
}

/** One fact of one child, as a facts query returns it. */
export interface ChildFact {
  childId: string;
  fact: Fact;
}

/** The children, or their facts, for a list of children's ids. */
type Query<T> = (db: Db, childIds: readonly string[]) => Promise<T[]>;

/** An area's facts query, with the kinds of fact it gives, read from its own SQL. */
export interface FactsQuery extends Query<ChildFact> {
  readonly kinds: readonly FactKind[];
}

/** What an area gives the clock: its facts, and the children themselves from the children area. */
export interface ClockSource {
  children?: Query<ClockChild>;
  facts?: FactsQuery;
  /** Local settings an area reads beside the rules' own (oversight's), kept with the local policy. */
  settings?: readonly RuleSetting[];
  /** For the rules whose obligations its pages meet, the page that meets each (keyed by rule id). */
  actions?: ObligationActions;
}

/** Which obligation an action is for: enough to build the page's address. */
export interface ObligationRef {
  childId: string;
  /** The rule's episode (a plan's id, a referral's id, ...), or null for a child-level rule. */
  episode: string | null;
}

/** The page that meets an obligation, as a work list links to it: its words and its address. */
export interface ObligationAction {
  text: string;
  href: (o: ObligationRef) => string;
  /**
   * The roles that may open that page, when it is not every role that works with the child's
   * record: the obligation is then theirs to meet, not the work of whoever holds the child.
   */
  roles?: readonly AccessRole[];
}

export type ObligationActions = Readonly<Record<string, ObligationAction>>;

/** An area that gives the clock something, as its index.ts exports it. */
export interface AreaOnTheClock extends Area {
  clock: ClockSource;
}

interface Sources {
  children: Query<ClockChild>;
  facts: FactsQuery[];
  settings: readonly RuleSetting[];
  actions: ReadonlyMap<string, ObligationAction>;
}

let given: Sources | null = null;

/** Called once by the composition root with every area's source. */
export function provideClockSources(list: readonly ClockSource[]): void {
  const children = list.flatMap((s) => (s.children ? [s.children] : []));
  if (children.length !== 1) throw new Error(`the clock needs one source of children, got ${children.length}`);
  const actions = new Map<string, ObligationAction>();
  for (const [ruleId, action] of list.flatMap((s) => Object.entries(s.actions ?? {}))) {
    // one page meets a rule: two areas claiming it would make the link depend on their order
    if (actions.has(ruleId)) throw new Error(`two areas give the page that meets ${ruleId}`);
    if (!ruleById.has(ruleId)) throw new Error(`an area gives the page that meets ${ruleId}, which is no rule of the clock`);
    actions.set(ruleId, action);
  }
  given = {
    children: children[0]!,
    facts: list.flatMap((s) => (s.facts ? [s.facts] : [])),
    settings: list.flatMap((s) => s.settings ?? []),
    actions,
  };
}

function sources(): Sources {
  if (!given) throw new Error('No area has given the clock its facts: import src/areas.ts (the composition root) first');
  return given;
}

/** Every local setting: the clock rules' and the areas'. */
export function allSettings(): readonly RuleSetting[] {
  return [...policySettings, ...sources().settings];
}

/**
 * The kinds of fact the record holds: those some area's facts query gives. A rule whose facts
 * none gives produces nothing, which pages must not show as "on time" (clock's ruleFeed).
 */
export function recordedFactKinds(): ReadonlySet<FactKind> {
  return new Set(sources().facts.flatMap((q) => q.kinds));
}

/**
 * The page that meets an obligation, as the area that meets it declares it, with the words a
 * work list shows; null for a rule no area declares (the list then links to the child's record).
 */
export function obligationAction(o: ObligationRef & { ruleId: string }): { text: string; href: string } | null {
  const action = sources().actions.get(o.ruleId);
  return action ? { text: action.text, href: action.href(o) } : null;
}

/**
 * Whether an obligation is work for a user of this role: not when the page that meets it is
 * one they may not open (the designated officer's obligations on an allegation, for the social
 * worker who holds a child it concerns), which they could neither meet nor follow.
 */
export function obligationIsWorkFor(ruleId: string, role: AccessRole): boolean {
  const roles = sources().actions.get(ruleId)?.roles;
  return !roles || roles.includes(role);
}

/** The areas' own settings (not a rule's), for the local policy page. */
export function areaSettings(): readonly RuleSetting[] {
  return sources().settings;
}

/** The dated facts the clock reads, from every area's query, for a set of children. */
export async function factsForChildren(db: Db, childIds: readonly string[]): Promise<ChildRecordFacts[]> {
  if (childIds.length === 0) return [];
  const { children, facts } = sources();
  // one query after another: `db` is often a transaction, one connection
  const found = await children(db, childIds);
  const byChild = new Map<string, Fact[]>();
  for (const query of facts) {
    for (const { childId, fact } of await query(db, childIds)) {
      let own = byChild.get(childId);
      if (!own) byChild.set(childId, (own = []));
      own.push(fact);
    }
  }
  return found.map((c) => ({ ...c, facts: byChild.get(c.childId) ?? [] }));
}

/** A facts query's rows: the columns every area's query selects. */
interface FactRow {
  child_id: string;
  id: string;
  kind: Fact['kind'];
  at: string;
  episode: string | null;
  data: Fact['data'] | null;
}

/**
 * Runs an area's facts query, written as `select child_id, id, kind, at, episode, data ...`
 * with `ids` standing for the children (`child_id = any(${ids})`), and reads its rows as facts.
 */
export function factsQuery(build: (ids: ReturnType<typeof sql>) => ReturnType<typeof sql>): FactsQuery {
  // The kinds it gives are the fact kinds its text names as literals ('visit_made' as kind).
  const text = new PgDialect().sqlToQuery(build(sql`${new Param([])}::uuid[]`)).sql;
  const kinds = FACT_KIND_LIST.filter((k) => text.includes(`'${k}'`));
  const query = async (db: Db, childIds: readonly string[]) => {
    const ids = sql`${new Param([...childIds])}::uuid[]`;
    const found = await rows<FactRow>(db, build(ids));
    return found.map((r) => {
      // A kind read from a column would escape the list above, and the Timescales page with it.
      if (!kinds.includes(r.kind)) throw new Error(`a facts query gave ${r.kind}, which its text does not name`);
      const fact: Fact = { id: r.id, kind: r.kind, at: r.at };
      if (r.episode) fact.episode = r.episode;
      if (r.data) fact.data = r.data;
      return { childId: r.child_id, fact };
    });
  };
  return Object.assign(query, { kinds });
}

/** An instant as the clock reads it: UTC, to the second. */
export const utcInstant = (column: ReturnType<typeof sql>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
