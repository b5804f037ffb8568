import { describe, expect, it } from 'vitest';
import type { ObligationView } from '../obligations/queries.js';
import {
  episodeForm,
  episodeFormValues,
  episodePage,
  episodeRows,
  interviewStatus,
  lengthText,
  missingCodeLabels,
  recordSection,
  returnInterviewValues,
} from './presenters.js';
import type { MissingEpisodeView } from './queries.js';
import { missingCodes } from './schema.js';
import { episodeSpan, instantIn, interviewValues } from './use-cases.js';
import { CaseworkRuleError } from '../casework/errors.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Kit', lastName: 'Notreal' };
const episodeId = '00000000-0000-4000-8000-0000000000aa';

// went missing 21:30 on Friday 27 March 2026 (GMT); back 09:15 on Sunday 29 March (BST from 01:00 UTC)
const episode: MissingEpisodeView = {
  id: episodeId,
  missingCode: 'M',
  startedAt: '2026-03-27T21:30:00Z',
  endedAt: '2026-03-29T08:15:00Z',
  whereFound: 'A friend’s flat in Salford',
  interviewOfferedAt: null,
  interviewOutcome: null,
  interviewOutcomeAt: null,
  interviewHeldBy: null,
  interviewIndependent: null,
  strategyMeetingDate: null,
  screeningDate: null,
  screeningOutcome: null,
  recordedByName: 'Ana Fictional',
  version: 1,
};

function obligation(over: Partial<ObligationView>): ObligationView {
  return {
    childId: child.id,
    key: `return-home-interview:${episodeId}:missing-returned:${episodeId}`,
    ruleId: 'return-home-interview',
    episode: episodeId,
    ruleName: 'Return home interview',
    source: 'Statutory guidance on children who run away or go missing from home or care (January 2014), return interviews',
    due: '2026-04-01T08:15:00Z',
    done: null,
    status: 'due',
    explanation: 'Offer and hold a return home interview within 72 hours.',
    workingDays: 2,
    hours: 40,
    ...over,
  };
}

describe('missing episodes presenters', () => {
  it('words every SSDA903 MISSING code', () => {
    for (const code of missingCodes) expect(missingCodeLabels[code], code).toBeTruthy();
  });

  it('works out the length from the instants, across the change to summer time', () => {
    expect(lengthText(episode.startedAt, episode.endedAt)).toBe('1 day 10 hours');
    expect(lengthText('2026-03-02T10:00:00Z', '2026-03-02T10:45:00Z')).toBe('45 minutes');
    expect(lengthText('2026-03-02T10:00:00Z', '2026-03-02T15:20:00Z')).toBe('5 hours 20 minutes');
    expect(lengthText('2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z')).toBe('1 hour');
    expect(lengthText('2026-03-02T10:00:00Z', '2026-03-05T10:00:00Z')).toBe('3 days');
    expect(lengthText('2026-03-02T10:00:00Z', null)).toBe('Not returned yet');
  });

  it('shows times in England: the return at 09:15 summer time', () => {
    const [row] = episodeRows(child.id, [episode], []);
    expect(row![0]!.html!.toString()).toContain('27 March 2026 at 9:30pm');
    expect(row![2]!.text).toBe('29 March 2026 at 9:15am');
    expect(row![3]!.text).toBe('1 day 10 hours');
  });

  it('says where the interview stands, with the clock’s status', () => {
    expect(interviewStatus({ ...episode, endedAt: null }, [])).toEqual({ text: 'Owed once the child returns or is found', tag: null });
    expect(interviewStatus(episode, [obligation({})])).toEqual({
      text: 'Not recorded, due by 1 April 2026 at 9:15am',
      tag: { text: 'Due', colour: 'blue' },
    });
    const held = {
      ...episode,
      interviewOfferedAt: '2026-03-29T09:00:00Z',
      interviewOutcome: 'held' as const,
      interviewOutcomeAt: '2026-03-30T15:00:00Z',
      interviewHeldBy: 'Sam Advocate',
      interviewIndependent: true,
    };
    expect(interviewStatus(held, [obligation({ status: 'met_on_time', done: '2026-03-30T15:00:00Z' })])).toEqual({
      text: 'Held 30 March 2026 at 4pm by Sam Advocate, independent',
      tag: { text: 'Met on time', colour: 'green' },
    });
    const declined = { ...held, interviewOutcome: 'declined' as const, interviewHeldBy: null, interviewIndependent: null };
    expect(interviewStatus(declined, []).text).toBe('Offered, and declined by the child 30 March 2026 at 4pm');
  });

  it('gives the record a section: the episodes, the next interview owed and the links', () => {
    const none = recordSection(child.id, [], []);
    expect(none.status).toBe('No missing or absent episodes recorded');
    expect(none.rows).toEqual([]);
    expect(none.links.map((l) => l.href)).toEqual([`/children/${child.id}/missing/new`]);
    const open = { ...episode, id: '00000000-0000-4000-8000-0000000000bb', startedAt: '2026-04-02T18:00:00Z', endedAt: null };
    const section = recordSection(child.id, [open, episode], [obligation({ status: 'overdue' })]);
    expect(section.status).toBe('2 episodes recorded: missing now');
    expect(section.rows).toHaveLength(2);
    expect(section.next).toMatchObject({ text: 'Return home interview', due: '1 April 2026 at 9:15am', tag: { text: 'Overdue' } });
  });

  it('fills the forms from the episode, in England’s time', () => {
    expect(episodeFormValues(episode)).toMatchObject({
      startDate: '2026-03-27',
      startTime: '21:30',
      endDate: '2026-03-29',
      endTime: '09:15',
    });
    expect(returnInterviewValues(episode)).toMatchObject({ offeredDate: '', outcome: '', heldByIndependent: '' });
    const form = episodeForm(child, {
      values: episodeFormValues(episode),
      errors: [{ field: 'endDate', message: 'The child returned or was found must be after they went missing' }],
      episode,
    });
    expect(form.errorList).toEqual([{ text: 'The child returned or was found must be after they went missing', href: '#endDate-day' }]);
    expect(form.action).toBe(`/children/${child.id}/missing/${episodeId}/details`);
  });

  it('links the episode page to the interview only once the child is back', () => {
    const back = episodePage(child, episode, []);
    expect(back.links.map((l) => l.text)).toContain('Record the return home interview');
    const away = episodePage(child, { ...episode, endedAt: null }, []);
    expect(away.links.map((l) => l.text)).not.toContain('Record the return home interview');
    expect(away.links[0]!.text).toBe('Record the return');
  });
});

describe('missing episodes rules', () => {
  const now = new Date('2026-04-02T12:00:00Z');
  const input = { missingCode: 'M', startDate: '2026-03-27', startTime: '21:30', endDate: '2026-03-29', endTime: '09:15' };
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof CaseworkRuleError) return { field: e.field, message: e.message };
      throw e;
    }
    return null;
  };

  it('reads times in England, summer time included', () => {
    expect(instantIn('2026-03-29', '09:15').toISOString()).toBe('2026-03-29T08:15:00.000Z');
    expect(instantIn('2026-03-28', '23:30').toISOString()).toBe('2026-03-28T23:30:00.000Z');
    expect(instantIn('2026-03-27', '9.30').toISOString()).toBe('2026-03-27T09:30:00.000Z');
  });

  it('refuses a return not after the start, a start later than now and an overlap, naming the field', () => {
    expect(refusal(() => episodeSpan({ ...input, endDate: '2026-03-27', endTime: '21:00' }, now, []))).toMatchObject({ field: 'endDate' });
    expect(
      refusal(() =>
        episodeSpan({ ...input, startDate: '2026-04-02', startTime: '14:00', endDate: undefined, endTime: undefined }, now, []),
      ),
    ).toMatchObject({ field: 'startTime' });
    expect(refusal(() => episodeSpan({ ...input, endTime: undefined }, now, []))).toMatchObject({ field: 'endTime' });
    const other = { startedAt: new Date('2026-03-28T10:00:00Z'), endedAt: new Date('2026-03-28T12:00:00Z') };
    expect(refusal(() => episodeSpan(input, now, [other]))).toMatchObject({ field: 'startDate' });
    const open = { startedAt: new Date('2026-03-20T10:00:00Z'), endedAt: null };
    expect(refusal(() => episodeSpan(input, now, [open]))?.message).toContain('with no return recorded');
    // touching is not overlapping: back at 21:30, missing again at 21:30
    const before = { startedAt: new Date('2026-03-27T12:00:00Z'), endedAt: new Date('2026-03-27T21:30:00Z') };
    expect(episodeSpan(input, now, [before]).endedAt!.toISOString()).toBe('2026-03-29T08:15:00.000Z');
  });

  it('refuses an interview before the return, or held with nobody named', () => {
    const returned = new Date('2026-03-29T08:15:00Z');
    const rhi = {
      offeredDate: '2026-03-29',
      offeredTime: '09:30',
      outcome: 'held' as const,
      outcomeDate: '2026-03-29',
      outcomeTime: '10:00',
      heldBy: 'Sam Advocate',
      heldByIndependent: true,
      version: 1,
    };
    expect(interviewValues(rhi, returned, now)).toMatchObject({ interviewOutcome: 'held', interviewIndependent: true });
    expect(refusal(() => interviewValues(rhi, null, now))).toMatchObject({ field: 'offeredDate' });
    expect(refusal(() => interviewValues({ ...rhi, offeredDate: '2026-03-28', outcomeDate: '2026-03-28' }, returned, now))).toMatchObject({
      field: 'offeredDate',
    });
    expect(refusal(() => interviewValues({ ...rhi, outcomeTime: '08:00' }, returned, now))).toMatchObject({ field: 'outcomeDate' });
    expect(refusal(() => interviewValues({ ...rhi, heldBy: undefined }, returned, now))).toMatchObject({ field: 'heldBy' });
    expect(refusal(() => interviewValues({ ...rhi, heldByIndependent: undefined }, returned, now))).toMatchObject({
      field: 'heldByIndependent',
    });
    expect(interviewValues({ ...rhi, outcome: 'offered', outcomeDate: undefined, outcomeTime: undefined }, returned, now)).toMatchObject({
      interviewOutcome: 'offered',
      interviewOutcomeAt: null,
    });
  });
});
