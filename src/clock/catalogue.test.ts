import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clockRules, ruleById } from './catalogue.js';
import { FACT_KIND_LIST, isFactKind } from './facts.js';

/** Every row of TIMESCALES.md that sets a deadline for one child, and the rules that clock it. */
const TIMESCALES_ROWS: Record<string, string[]> = {
  '1 referral decision': ['contact-decision'],
  '2 child and family assessment': ['assessment-45-working-days'],
  '3 strategy discussion; S47': ['strategy-discussion', 's47-enquiry'],
  '4 ICPC': ['initial-child-protection-conference'],
  '5 core groups': ['first-core-group', 'core-group'],
  '6 RCPC': ['review-child-protection-conference'],
  '7 pre-birth RCPC': ['pre-birth-review-conference'],
  '8 CP visits': ['child-protection-visit'],
  '9 serious incident': ['serious-incident-notification', 'serious-incident-rapid-review'],
  '10 LADO': ['lado-informed', 'lado-resolution-1-month', 'lado-resolution-3-months', 'lado-resolution-12-months'],
  '11 emergency powers': ['police-protection-72-hours', 'emergency-protection-order-limit', 'child-assessment-order-limit'],
  '12 care proceedings': ['care-proceedings-26-weeks'],
  '13 care plan / placement plan': ['care-plan', 'placement-plan'],
  '14 IRO appointed': ['iro-appointed'],
  '15 LAC reviews': ['looked-after-review'],
  '16 review decisions / record': ['review-decisions', 'review-record'],
  '17 LAC visits': ['looked-after-visit'],
  '18 visits, special cases': ['looked-after-visit'],
  '19 initial health assessment': ['initial-health-assessment'],
  '20 review health assessment': ['review-health-assessment'],
  '21 PEP': ['pep-initiated', 'pep-review'],
  '22 return home interview': ['return-home-interview'],
  '23 eligible-child needs assessment': ['eligible-needs-assessment'],
  '24 pathway plan review': ['pathway-plan-review'],
  '25 personal adviser visits': ['personal-adviser-contact'],
  '27 private fostering': ['private-fostering-visit'],
  '28 adoption reviews and visits': ['adoption-review-awaiting-placement', 'adoption-placement-review', 'adoption-placement-visit'],
  '29 adopter approval': ['adopter-stage-one', 'adopter-stage-two'],
  // Local practice the design and inspection findings ask for, with no TIMESCALES row of their own.
  'local: child seen during the assessment': ['assessment-child-seen'],
  'local: children in need': ['child-in-need-review', 'child-in-need-visit'],
  'local: dental checks': ['dental-check'],
  'local: transition planning': ['transition-planning'],
};

/** Numbered rows of TIMESCALES.md no per-child deadline comes from, and why. */
const ROWS_WITHOUT_A_CHILD_DEADLINE: Record<number, string> = {
  26: 'entitlements to an age (Staying Put to 21, a personal adviser to 25), not deadlines',
  30: 'the adoption scorecard: measures across children',
  31: 'children in need and child protection measures across children',
  32: 'looked after and care leaver measures across children',
  33: 'Ofsted judgements',
};

/** Kinds no rule starts, meets or stops on, and why. */
const READ_ONLY_KINDS: Record<string, string> = {
  assessment_started: 'the census measures from it; the statutory clock counts from the referral',
  placement_changed: 'changes how often a placement is visited, read by the visits rule',
  epo_extended: 'moves the end of the order, read by the EPO rule',
  care_proceedings_extended: 'moves the 26-week limit, read by the proceedings rule',
};

describe('the rule catalogue', () => {
  it('has unique, kebab-case ids and every rule reachable by id', () => {
    const ids = clockRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect([...ruleById.keys()]).toEqual(ids);
  });

  it('maps every numbered row of docs/TIMESCALES.md, as the document numbers them', () => {
    // the timescales table, before the calendar of non-working days
    const document = readFileSync(new URL('../../docs/TIMESCALES.md', import.meta.url), 'utf8').split('## E&W non-working days')[0]!;
    const rows = new Map([...document.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => [Number(m[1]), m[2]!.trim()]));
    expect(rows.size).toBeGreaterThan(30);
    const mappedRows = Object.keys(TIMESCALES_ROWS)
      .filter((k) => /^\d/.test(k))
      .map((k) => Number.parseInt(k, 10));
    for (const n of mappedRows) expect(rows.has(n), `row ${n}`).toBe(true);
    const accounted = new Set([...mappedRows, ...Object.keys(ROWS_WITHOUT_A_CHILD_DEADLINE).map(Number)]);
    expect(
      [...rows.keys()].filter((n) => !accounted.has(n)),
      'rows neither clocked nor explained',
    ).toEqual([]);
  });

  it('clocks every row of TIMESCALES.md that sets a deadline, and nothing without a source', () => {
    const mapped = new Set(Object.values(TIMESCALES_ROWS).flat());
    for (const id of mapped) expect(ruleById.has(id), id).toBe(true);
    expect(clockRules.map((r) => r.id).filter((id) => !mapped.has(id))).toEqual([]);
  });

  it('says for every rule what it is, where it comes from and what starts, meets and stops it', () => {
    for (const rule of clockRules) {
      for (const text of [
        rule.name,
        rule.area,
        rule.statement,
        rule.deadline,
        rule.stopsWhen,
        rule.source.document,
        rule.source.reference,
      ]) {
        expect(text.trim().length, rule.id).toBeGreaterThan(0);
      }
      expect(['statute', 'statutory guidance', 'local practice', 'measure']).toContain(rule.source.status);
      expect(['primary', 'secondary', 'unverified']).toContain(rule.source.verification);
      expect(rule.metBy.length, rule.id).toBeGreaterThan(0);
      for (const kind of [...rule.startsWith, ...rule.metBy, ...rule.stoppedBy]) expect(isFactKind(kind), `${rule.id}: ${kind}`).toBe(true);
      // Where the law leaves the figure to the authority, the authority can set it.
      if (rule.source.status === 'local practice') expect(rule.settings.length, rule.id).toBeGreaterThan(0);
      // Every setting says whose figure it is, and what the law says on the point.
      for (const setting of rule.settings) {
        expect(['statutory', 'local practice'], setting.key).toContain(setting.standing);
        expect(setting.statutoryPosition.trim().length, setting.key).toBeGreaterThan(20);
      }
    }
  });

  it('shows as local practice the defaults no statute gives: the child seen, the section 47 enquiry, the strategy discussion', () => {
    const standing = (key: string) => clockRules.flatMap((r) => r.settings).find((s) => s.key === key)!;
    for (const key of ['assessment.childSeenWithinWorkingDays', 's47.workingDays', 'strategyDiscussion.workingDays']) {
      expect(standing(key).standing, key).toBe('local practice');
    }
    expect(standing('s47.workingDays').statutoryPosition).toContain('No national limit');
    expect(standing('strategyDiscussion.workingDays').statutoryPosition).toContain('as soon as possible');
    // a local practice rule says so in its source
    for (const id of ['assessment-child-seen', 's47-enquiry', 'strategy-discussion'])
      expect(ruleById.get(id)!.source.status, id).toBe('local practice');
  });

  it('uses every fact kind somewhere', () => {
    const used = new Set(clockRules.flatMap((r) => [...r.startsWith, ...r.metBy, ...r.stoppedBy]));
    expect(FACT_KIND_LIST.filter((k) => !used.has(k) && !(k in READ_ONLY_KINDS))).toEqual([]);
  });

  it('is documented: the README lists every fact kind and every rule id', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const kind of FACT_KIND_LIST) expect(readme, kind).toContain(`| \`${kind}\` |`);
    for (const rule of clockRules) expect(readme, rule.id).toContain(`| \`${rule.id}\` |`);
  });
});
