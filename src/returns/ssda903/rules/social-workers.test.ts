import { describe, expect, it } from 'vitest';
import type { Return903 } from '../model.js';
import { build903, c1, checkRules, findings, type RowInput } from '../ssda903.test-kit.js';
import { socialWorkerRules } from './social-workers.js';

/** The child's social worker since coming into care in May 2024, still allocated. */
const worker = (o: RowInput = {}): RowInput => ({
  CHILD: 'C1',
  DOB: '01/06/2012',
  SW_ID: 'SW0042',
  SW_DECOM: '01/05/2024',
  SW_DEC: null,
  SW_REASON: 'MANAGE',
  ...o,
});

/** A child looked after since May 2024 with the given social worker episodes (2025/26 return). */
const withWorkers = (workers: RowInput[], eps: RowInput[] = [c1.episode()]): Return903 =>
  build903({ Header: [c1.header()], Episodes: eps, SWEpisodes: workers });

const one = (o: RowInput = {}) => withWorkers([worker(o)]);

/** A first social worker who left in September 2025, handing over to a second. */
const handover = (first: RowInput, second: RowInput) =>
  withWorkers([
    worker({ SW_DEC: '15/09/2025', SW_REASON: 'MANAGE', ...first }),
    worker({ SW_ID: 'SW0077', SW_DECOM: '15/09/2025', SW_REASON: 'LEFTRL', ...second }),
  ]);

describe('rules on social workers', () => {
  checkRules(socialWorkerRules, {
    SW01aSTG1: {
      why: 'a social worker from 2022 with no ID',
      fails: one({ SW_DECOM: '01/06/2022', SW_ID: null, SW_REASON: null }),
      flagged: ['SWEpisodes 1'],
      passes: one({ SW_DECOM: '01/06/2022', SW_REASON: null }),
    },
    SW01bSTG1: {
      why: 'a social worker since 2024 with no reason for the change',
      fails: one({ SW_REASON: null }),
      flagged: ['SWEpisodes 1'],
      passes: one({ SW_DECOM: '01/06/2022', SW_REASON: null }),
    },
    SW02STG1: {
      why: 'an ID that is a bare number',
      fails: one({ SW_ID: '0042' }),
      flagged: ['SWEpisodes 1'],
      passes: one({ SW_ID: 'XX' }),
    },
    SW04STG1: { why: 'a start written the American way', fails: one({ SW_DECOM: '05/31/2024' }), flagged: ['SWEpisodes 1'], passes: one() },
    SW05STG1: {
      why: 'an end date that is not a date',
      fails: handover({ SW_DEC: '31/09/2025' }, {}),
      flagged: ['SWEpisodes 1'],
      passes: handover({}, {}),
    },
    SW06STG2: {
      why: 'a social worker starting after 31 March',
      fails: one({ SW_DECOM: '01/04/2026' }),
      flagged: ['SWEpisodes 1'],
      passes: one({ SW_DECOM: '31/03/2026' }),
    },
    SW07STG2: {
      why: 'an episode ended before the reporting period (1 April 2024 for 2025/26)',
      fails: withWorkers([worker({ SW_DECOM: '01/01/2024', SW_DEC: '31/03/2024' }), worker({ SW_DECOM: '31/03/2024', SW_ID: 'SW0077' })]),
      flagged: ['SWEpisodes 1'],
      passes: withWorkers([worker({ SW_DECOM: '01/01/2024', SW_DEC: '01/04/2024' }), worker({ SW_DECOM: '01/04/2024', SW_ID: 'SW0077' })]),
    },
    SW08STG2: {
      why: 'a first social worker never ended when a second took over',
      fails: handover({ SW_DEC: null }, {}),
      flagged: ['SWEpisodes 1'],
      passes: handover({}, {}),
    },
    SW09STG2: {
      why: 'a social worker for a single day',
      fails: handover({}, { SW_DEC: '15/09/2025' }),
      flagged: ['SWEpisodes 2'],
      passes: handover({}, {}),
    },
    SW10STG2: {
      why: 'a new social worker starting a month before the last one left',
      fails: handover({}, { SW_DECOM: '15/08/2025' }),
      flagged: ['SWEpisodes 2'],
      // A week's overlap for the handover is allowed, and so is any overlap for FCONTA.
      passes: withWorkers([
        worker({ SW_DEC: '15/09/2025' }),
        worker({ SW_ID: 'SW0077', SW_DECOM: '08/09/2025', SW_DEC: '01/12/2025', SW_REASON: 'LEFTRL' }),
        worker({ SW_ID: 'SW0078', SW_DECOM: '01/10/2025', SW_REASON: 'FCONTA' }),
      ]),
    },
    SW11bSTG2: {
      why: 'the only social worker leaving on 30 March with no one after',
      fails: one({ SW_DEC: '30/03/2026' }),
      flagged: ['SWEpisodes 1'],
      passes: handover({ SW_DEC: '30/03/2026' }, { SW_DECOM: '30/03/2026' }),
    },
    SW12STG2: {
      why: 'a child in care since May 2024 whose social workers are reported only from June 2025',
      fails: withWorkers([worker({ SW_DECOM: '01/06/2025' })]),
      flagged: ['SWEpisodes 1'],
      // A child new to care in July 2025 may have had no social worker before.
      passes: withWorkers([worker({ SW_DECOM: '01/07/2025' })], [c1.episode({ DECOM: '01/07/2025' })]),
    },
    SW13STG1: {
      why: 'a reason not in the list',
      fails: one({ SW_REASON: 'RETIRE' }),
      flagged: ['SWEpisodes 1'],
      passes: one({ SW_REASON: 'TSPROC' }),
    },
    SW17STG2: {
      why: 'the last social worker ended on 31 March itself',
      fails: handover({}, { SW_DEC: '31/03/2026' }),
      flagged: ['SWEpisodes 2'],
      passes: handover({}, { SW_DEC: null }),
    },
  });
});

describe('SW12STG2 on a child with no social worker at all', () => {
  checkRules([socialWorkerRules.find((r) => r.code === 'SW12STG2')!], {
    SW12STG2: {
      why: 'the episode open at 31 March of a child with no social worker episode',
      fails: build903({
        Header: [c1.header(), c1.header({ CHILD: 'C2' })],
        Episodes: [c1.episode(), c1.episode({ CHILD: 'C2' })],
        SWEpisodes: [worker({ CHILD: 'C2' })],
      }),
      flagged: ['Episodes 1'],
      // A child who left care in the year is not in the rule.
      passes: build903({
        Header: [c1.header(), c1.header({ CHILD: 'C2' })],
        Episodes: [c1.episode({ DEC: '01/03/2026', REC: 'E13' }), c1.episode({ CHILD: 'C2' })],
        SWEpisodes: [worker({ CHILD: 'C2' })],
      }),
    },
  });
});

describe('social worker dates that cannot be read', () => {
  const rule = (code: string) => socialWorkerRules.find((r) => r.code === code)!;
  const flagged = (code: string, ret: Return903) => findings(rule(code), ret);

  it('an episode whose start is not a date is incomplete (SW01a, SW01b) as well as malformed (SW04)', () => {
    const ret = one({ SW_DECOM: '31/02/2025' });
    expect(flagged('SW01aSTG1', ret)).toEqual(['SWEpisodes 1']);
    expect(flagged('SW01bSTG1', ret)).toEqual(['SWEpisodes 1']);
    expect(flagged('SW04STG1', ret)).toEqual(['SWEpisodes 1']);
  });

  it('an earlier episode whose end is not a date has not ended (SW08), and a later start is not compared with it (SW10)', () => {
    const ret = handover({ SW_DEC: '31/09/2025' }, { SW_DECOM: '01/06/2025' });
    expect(flagged('SW08STG2', ret)).toEqual(['SWEpisodes 1']);
    expect(flagged('SW10STG2', ret)).toEqual([]);
  });

  it('an only episode ended on 31 March itself has no one after it (SW11b)', () => {
    expect(flagged('SW11bSTG2', one({ SW_DEC: '31/03/2026' }))).toEqual(['SWEpisodes 1']);
  });
});

describe('social worker readings that depend on the year or on other episodes', () => {
  const rule = (code: string) => socialWorkerRules.find((r) => r.code === code)!;
  const flagged = (code: string, ret: Return903) => findings(rule(code), ret);

  it('an FCONTA change may overlap the previous worker from 2024/25, not in 2023/24 (SW10)', () => {
    const rows = [
      worker({ SW_DECOM: '01/05/2023', SW_DEC: '15/09/2023' }),
      worker({ SW_ID: 'SW0077', SW_DECOM: '15/08/2023', SW_REASON: 'FCONTA' }),
    ];
    const inYear = (year: number) =>
      build903({ Header: [c1.header()], Episodes: [c1.episode({ DECOM: '01/05/2023' })], SWEpisodes: rows }, { year });
    expect(flagged('SW10STG2', inYear(2024))).toEqual(['SWEpisodes 2']);
    expect(flagged('SW10STG2', inYear(2025))).toEqual([]);
  });

  it('a child whose earlier social worker is still open has an episode open at 31 March (SW17), though SW08 reports it', () => {
    const ret = handover({ SW_DEC: null }, { SW_DEC: '01/02/2026' });
    expect(flagged('SW17STG2', ret)).toEqual([]);
    expect(flagged('SW08STG2', ret)).toEqual(['SWEpisodes 1']);
  });

  it('an episode whose end is not a date leaves the child looked after at 31 March (SW12)', () => {
    const ret = withWorkers([worker({ SW_DECOM: '01/06/2025' })], [c1.episode({ DEC: '31/09/2025', REC: 'E13' })]);
    expect(flagged('SW12STG2', ret)).toEqual(['SWEpisodes 1']);
  });
});

describe('social worker rows at the edges of the data', () => {
  const rule = (code: string) => socialWorkerRules.find((r) => r.code === code)!;
  const flagged = (code: string, ret: Return903) => findings(rule(code), ret);

  it('a blank reason is not a valid one for an episode begun from April 2023, when a reason is required (SW13)', () => {
    expect(flagged('SW13STG1', one({ SW_REASON: null }))).toEqual(['SWEpisodes 1']);
    expect(flagged('SW13STG1', one({ SW_DECOM: '01/06/2022', SW_REASON: null }))).toEqual([]);
  });

  it('rows without a child ID are nobody’s episodes: not one after another (SW08, SW11b)', () => {
    const ret = withWorkers([
      worker({ CHILD: null, SW_DECOM: '26/06/2024' }),
      worker({ CHILD: null, SW_DECOM: '16/04/2025', SW_DEC: '12/03/2026' }),
    ]);
    expect(flagged('SW08STG2', ret)).toEqual([]);
    expect(flagged('SW11bSTG2', ret)).toEqual([]);
  });

  it('an episode followed by one that starts the day it ended has a subsequent episode, whatever its own start says (SW11b)', () => {
    const ret = withWorkers([
      worker({ SW_DECOM: '17/04/2027', SW_DEC: '09/12/2025' }),
      worker({ SW_ID: 'SW0077', SW_DECOM: '09/12/2025' }),
    ]);
    expect(flagged('SW11bSTG2', ret)).toEqual([]);
  });

  it('an end that is not a date is an end recorded: the episode is not open at 31 March (SW17)', () => {
    expect(flagged('SW17STG2', one({ SW_DEC: '1/4/25' }))).toEqual(['SWEpisodes 1']);
    expect(flagged('SW17STG2', one({ SW_DEC: '01/04/2026' }))).toEqual([]);
  });

  it('an episode whose start cannot be read may be the subsequent one (SW11b)', () => {
    const ret = withWorkers([worker({ SW_DEC: '01/07/2025' }), worker({ SW_ID: 'SW0077', SW_DECOM: null })]);
    expect(flagged('SW11bSTG2', ret)).toEqual([]);
  });
});
