import { describe, expect, it } from 'vitest';
import { parse } from '../core/http/forms.js';
import { conferenceSchema, endPlanSchema, s47OutcomeSchema, strategyDiscussionSchema } from './use-cases.js';

const today = () => '2026-03-02';
const police = { agency: 'police', role: 'Sergeant', name: 'Pat Constable' };
const health = { agency: 'health', role: 'Health visitor', name: 'Hal Visitor' };
const fieldsOf = (r: ReturnType<typeof parse>) => (r.ok ? [] : r.errors.map((e) => e.field));

describe('a strategy discussion’s input', () => {
  const held = {
    concernDate: '2026-03-02',
    concernTime: '09:00',
    concern: 'Bruising',
    held: 'yes',
    heldDate: '2026-03-02',
    heldTime: '09:30',
    participants: [police, health],
    informationShared: 'Checks',
    decisions: ['s47_enquiry'],
  };

  it('takes a concern alone, with nothing about a discussion not yet held', () => {
    const r = parse(strategyDiscussionSchema(today), { concernDate: '2026-03-02', concernTime: '9.05', concern: 'Bruising', held: 'no' });
    expect(r.ok).toBe(true);
  });

  it('needs the police and health at a discussion held, and says which is missing', () => {
    const r = parse(strategyDiscussionSchema(today), { ...held, participants: [police] });
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          field: 'participants',
          message: 'Who took part must include health: a strategy discussion has the police and health at the least',
        },
      ],
    });
  });

  it('needs when, what was shared and the decision once held, and lists every problem at once', () => {
    const r = parse(strategyDiscussionSchema(today), {
      ...held,
      heldDate: '',
      heldTime: '',
      informationShared: '',
      decisions: [],
      participants: [police, { ...health, name: '' }],
    });
    expect(fieldsOf(r)).toEqual(['participants.1.name', 'heldDate', 'heldTime', 'informationShared', 'decisions']);
  });

  it('refuses no further action alongside another decision, a time that is not a time, and a date in the future', () => {
    expect(fieldsOf(parse(strategyDiscussionSchema(today), { ...held, decisions: ['no_further_action', 's47_enquiry'] }))).toEqual([
      'decisions',
    ]);
    expect(fieldsOf(parse(strategyDiscussionSchema(today), { ...held, concernTime: '25:00' }))).toEqual(['concernTime']);
    expect(fieldsOf(parse(strategyDiscussionSchema(today), { ...held, heldDate: '2026-03-03' }))).toEqual(['heldDate']);
  });
});

describe('a section 47 outcome', () => {
  const outcome = {
    childSeen: 'yes',
    seenAlone: 'no',
    outcome: 'substantiated',
    conferenceRequired: 'yes',
    endDate: '2026-03-02',
    version: '1',
  };
  it('asks whether a child seen was seen alone, and why no conference is needed', () => {
    expect(fieldsOf(parse(s47OutcomeSchema(today), { ...outcome, seenAlone: '' }))).toEqual(['seenAlone']);
    expect(fieldsOf(parse(s47OutcomeSchema(today), { ...outcome, conferenceRequired: 'no' }))).toEqual(['conferenceNotRequiredReason']);
    expect(parse(s47OutcomeSchema(today), { ...outcome, childSeen: 'no', seenAlone: '' }).ok).toBe(true);
  });
});

describe('a conference', () => {
  const base = {
    s47EnquiryId: '00000000-0000-4000-8000-000000000001',
    conferenceDate: '2026-03-02',
    chair: 'Cas Chair',
    attendance: [{ agency: 'police', name: 'Pat', attended: true }],
    parentsParticipation: 'attended',
    childParticipation: 'too_young',
    socialWorkerAttended: true,
  };
  it('takes a decision that fits its type, and a category of abuse from the census list when a plan is made', () => {
    expect(
      fieldsOf(parse(conferenceSchema(today), { ...base, type: 'initial', decision: 'continue_plan', categoryOfAbuse: 'NEG' })),
    ).toEqual(['decision']);
    expect(fieldsOf(parse(conferenceSchema(today), { ...base, type: 'initial', decision: 'cp_plan' }))).toEqual(['categoryOfAbuse']);
    expect(fieldsOf(parse(conferenceSchema(today), { ...base, type: 'initial', decision: 'cp_plan', categoryOfAbuse: 'XYZ' }))).toEqual([
      'categoryOfAbuse',
    ]);
    expect(fieldsOf(parse(conferenceSchema(today), { ...base, type: 'review', decision: 'end_plan' }))).toEqual(['cpPlanId']);
    expect(parse(conferenceSchema(today), { ...base, type: 'pre_birth', decision: 'no_plan' }).ok).toBe(true);
  });
});

describe('ending a plan', () => {
  it('is for a reason chosen on the page: a review’s decision ends a plan by recording the review', () => {
    expect(fieldsOf(parse(endPlanSchema(today), { endDate: '2026-03-02', endReason: 'review_decision', version: '2' }))).toEqual([
      'endReason',
    ]);
    expect(parse(endPlanSchema(today), { endDate: '2026-03-02', endReason: 'reached_18', version: '2' }).ok).toBe(true);
  });
});
