import { describe, expect, it } from 'vitest';
import { sentenceCase } from '../core/codes.js';
import { codeInWords, queueRows, timeToDecide } from './presenters.js';

const sources = [
  { code: '6', label: 'POLICE' },
  { code: '3F', label: 'HEALTH SERVICES – other (for example hospice)' },
];

describe('the front door presenters', () => {
  it('say how long is left to decide, or how far past the deadline', () => {
    expect([timeToDecide(null), timeToDecide(5), timeToDecide(0), timeToDecide(-3)]).toEqual([
      '—',
      '5 hours left',
      '0 hours left',
      '3 hours over',
    ]);
  });

  it('mark a police notification, a decision awaiting sign-off and a contact past its deadline', () => {
    const [row] = queueRows(
      [
        {
          id: 'k1',
          childId: 'c1',
          childName: 'Ann & Co',
          receivedAt: '2026-01-05T09:00:00Z',
          source: '6',
          referrerName: 'PC Fictional',
          domesticAbuseNotification: true,
          consent: 'given',
          awaitingSignOff: true,
          due: null,
          hoursLeft: -2,
        },
      ],
      sources,
    );
    expect(String((row![0] as { html: unknown }).html)).toBe(
      '<a class="govuk-link" href="/front-door/contacts/k1">Ann &amp; Co</a><br><strong class="govuk-tag govuk-tag--purple">Police: domestic abuse</strong><br><strong class="govuk-tag govuk-tag--yellow">Awaiting sign-off</strong>',
    );
    expect(row![2]).toEqual({ text: 'Police (6)' });
    expect(String((row![4] as { html: unknown }).html)).toBe('<strong class="govuk-tag govuk-tag--red">2 hours over</strong>');
  });

  it('put a DfE code into words, keeping the code, and leave an unknown code as it is', () => {
    expect([codeInWords(sources, '3F'), codeInWords(sources, '9Z'), codeInWords(sources, null)]).toEqual([
      'Health services – other (for example hospice) (3F)',
      '9Z',
      '',
    ]);
  });

  it('put the capitals heading a DfE label into sentence case, keeping short initialisms and the rest', () => {
    expect(
      [
        'POLICE',
        'LA SERVICES – external, for example, from another local authority’s adults social care services',
        '(LA SERVICES – early help',
        'OTHER LEGAL AGENCY – including courts, probation, immigration, CAFCASS',
        'Abuse, neglect and exploitation',
      ].map(sentenceCase),
    ).toEqual([
      'Police',
      'LA services – external, for example, from another local authority’s adults social care services',
      'LA services – early help',
      'Other legal agency – including courts, probation, immigration, CAFCASS',
      'Abuse, neglect and exploitation',
    ]);
  });
});
