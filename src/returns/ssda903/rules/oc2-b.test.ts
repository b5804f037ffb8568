import { describe, expect, it } from 'vitest';
import * as r from './oc2-b.js';
import { episode, flagged } from './b-test-kit.js';

// 2025/26: 31 March 2026 is the day ages are taken; in care since before 1 April 2025 is twelve months.
const oc2 = (child: string, dob: string, more: Record<string, string | null> = {}) => ({
  CHILD: child,
  DOB: dob,
  CONVICTED: null,
  HEALTH_CHECK: null,
  IMMUNISATIONS: '1',
  TEETH_CHECK: '1',
  HEALTH_ASSESSMENT: '1',
  SUBSTANCE_MISUSE: '0',
  ...more,
});
const inCareAllYear = (child: string, more = {}) => episode(child, '01/03/2025', more);

describe('convictions', () => {
  it('542: no conviction details for a child under 10 at 31 March', () => {
    expect(flagged(r.rule542, { OC2: [oc2('A', '01/04/2016', { CONVICTED: '0' }), oc2('B', '31/03/2016', { CONVICTED: '0' })] })).toEqual(['OC2 1']);
  });
  it('543: a child of 10 or over looked after for twelve months has conviction details', () => {
    const tables = { OC2: [oc2('A', '31/03/2016'), oc2('B', '31/03/2016', { CONVICTED: '0' }), oc2('C', '31/03/2016')], Episodes: [inCareAllYear('A'), inCareAllYear('B'), episode('C', '02/04/2025')] };
    expect(flagged(r.rule543, tables)).toEqual(['OC2 1']);
  });
  it('544: a conviction needs the health fields too', () => {
    expect(flagged(r.rule544, { OC2: [oc2('A', '01/01/2010', { CONVICTED: '1', TEETH_CHECK: null }), oc2('B', '01/01/2010', { CONVICTED: '0', TEETH_CHECK: null })] })).toEqual(['OC2 1']);
  });
});

describe('health promotion for the under-5s', () => {
  it('545: a child under 5 looked after for twelve months has a health check recorded', () => {
    const tables = { OC2: [oc2('A', '01/04/2021'), oc2('B', '01/04/2021', { HEALTH_CHECK: '1' })], Episodes: [inCareAllYear('A'), inCareAllYear('B')] };
    expect(flagged(r.rule545, tables)).toEqual(['OC2 1']);
  });
  it('545: short breaks (V3, V4) do not make the twelve months', () => {
    expect(flagged(r.rule545, { OC2: [oc2('A', '01/04/2021')], Episodes: [inCareAllYear('A', { LS: 'V3' })] })).toEqual([]);
  });
  it('546: no health check for a child of 5 or over', () => {
    const tables = { OC2: [oc2('A', '31/03/2021', { HEALTH_CHECK: '0' }), oc2('B', '01/04/2021', { HEALTH_CHECK: '1' })], Episodes: [inCareAllYear('A'), inCareAllYear('B')] };
    expect(flagged(r.rule546, tables)).toEqual(['OC2 1']);
  });
  it('547: a health check needs the health fields too', () => {
    expect(flagged(r.rule547, { OC2: [oc2('A', '01/01/2022', { HEALTH_CHECK: '1', IMMUNISATIONS: null }), oc2('B', '01/01/2022', { HEALTH_CHECK: '1' })] })).toEqual(['OC2 1']);
  });
});
