import { describe, expect, it } from 'vitest';
import { rules903, rules903For } from './rules/index.js';
import { build903 } from './ssda903.test-kit.js';
import { validate903 } from './validate.js';

const ret = (year = 2026) =>
  build903(
    {
      Header: [{ CHILD: 'C1', SEX: 'U', DOB: '01/06/2012', ETHNIC: 'XXXX', UPN: 'A123456789012' }],
      Episodes: [
        {
          CHILD: 'C1',
          DECOM: '01/05/2024',
          RNE: 'S',
          LS: 'C2',
          CIN: 'N1',
          PLACE: 'U4',
          PLACE_PROVIDER: 'PR1',
          HOME_POST: 'TW9 9EQ',
          PL_POST: 'TW10 6AA',
          URN: '1234567',
        },
      ],
    },
    { year },
  );

describe('validating a 903 return', () => {
  it('reports each finding with the DfE message and fields', () => {
    const f = validate903(ret()).find((x) => x.rule === '103')!;
    expect(f).toEqual({
      rule: '103',
      table: 'Header',
      row: 1,
      childId: 'C1',
      fields: ['ETHNIC'],
      message: 'The ethnicity code is either not valid or has not been entered.',
    });
  });

  it("runs only the rules in the year's ruleset", () => {
    // 232 (sex unknown) is in the rulesets from 2024/25 only.
    expect(validate903(ret(2026)).some((f) => f.rule === '232')).toBe(true);
    expect(rules903For(2024).some((r) => r.code === '232')).toBe(false);
    expect(rules903For(2024).some((r) => r.code === '217t')).toBe(true);
    expect(rules903For(2026).some((r) => r.code === '217t')).toBe(false);
  });

  it('runs only the rules asked for', () => {
    expect(validate903(ret(), { rules: ['103'] }).map((f) => f.rule)).toEqual(['103']);
  });

  it('orders findings by table, row and rule', () => {
    const found = validate903(ret()).map((f) => `${f.table}:${f.row}:${f.rule}`);
    expect(found).toEqual([...found].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('knows each rule once, with its DfE text', () => {
    const codes = rules903.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of rules903) expect(r.message.length, r.code).toBeGreaterThan(10);
  });
});
