import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, findings, type RowInput } from '../ssda903.test-kit.js';
import { uascRules } from './uasc.js';

/** A boy of 16 who arrived unaccompanied; `last` is last year's UASC row (undefined: not UASC last year). */
const uasc = (now: RowInput | null = {}, last?: RowInput | null, h: RowInput = {}) =>
  build903(
    {
      Header: [c1.header({ DOB: '01/06/2009', UPN: 'UN2', ...h })],
      Episodes: [c1.episode()],
      UASC: now ? [{ CHILD: 'C1', SEX: 'M', DOB: '01/06/2009', ...now }] : [],
    },
    {
      previous: {
        Header: [c1.header({ DOB: '01/06/2009', UPN: 'UN2', ...h })],
        UASC: last ? [{ CHILD: 'C1', SEX: 'M', DOB: '01/06/2009', ...last }] : [],
      },
    },
  );

describe('rules on unaccompanied asylum-seeking children', () => {
  checkRules(uascRules, {
    '104': {
      why: 'status ceasing before the year',
      fails: uasc({ DUC: '01/03/2025' }, {}),
      flagged: ['UASC 1'],
      passes: uasc({ DUC: '31/05/2027' }, {}),
    },
    '105': {
      why: 'an XML header with UASC 2',
      fails: uasc({}, {}, { UASC: '2' }),
      flagged: ['Header 1'],
      passes: uasc({}, {}, { UASC: '1' }),
    },
    '205A': {
      why: 'UASC last year only, ceasing after this year began',
      fails: uasc(null, { DUC: '01/06/2025' }),
      flagged: ['Header 1'],
      passes: uasc(null, { DUC: '01/03/2025' }),
    },
    '205B': {
      why: 'a different date status ceased',
      fails: uasc({ DUC: '31/05/2027' }, { DUC: '30/05/2027' }),
      flagged: ['Header 1', 'UASC 1'],
      passes: uasc({ DUC: '31/05/2027' }, { DUC: '31/05/2027' }),
    },
    '205C': {
      why: 'an XML header not UASC, with a date ceased',
      fails: uasc(null, null, { UASC: '0', DUC: '01/01/2026' }),
      flagged: ['Header 1'],
      passes: uasc(null, null, { UASC: '0' }),
    },
    '205D': {
      why: "UASC this year only, though in last year's return",
      fails: uasc({}, null),
      flagged: ['Header 1'],
      passes: uasc({}, {}),
    },
    '231': { why: 'an unaccompanied child of 9', fails: uasc({}, {}, { DOB: '01/06/2016' }), flagged: ['Header 1'], passes: uasc() },
    '303': {
      why: 'an XML header not UASC, with a date ceased in UASC',
      fails: uasc({ DUC: '31/05/2027' }, {}, { UASC: '0' }),
      flagged: ['Header 1', 'UASC 1'],
      passes: uasc({ DUC: '31/05/2027' }, {}, { UASC: '1' }),
    },
    '304': {
      why: 'status ceasing after 18',
      fails: uasc({ DUC: '02/06/2027' }, {}),
      flagged: ['UASC 1'],
      passes: uasc({ DUC: '01/06/2027' }, {}),
    },
  });
});

describe('rule 231, the age limit', () => {
  const flags231 = (dob: string) =>
    findings(
      uascRules.find((r) => r.code === '231')!,
      uasc({}, {}, { DOB: dob }),
    );
  it('reports a child who turns 11 only after 31 March', () => {
    expect(flags231('01/04/2015')).toEqual(['Header 1']);
  });
  it('passes a child who is 11 on 31 March', () => {
    expect(flags231('31/03/2015')).toEqual([]);
  });
});
