/**
 * Episode (CINdetails) rules on children whose values are damaged: closure and conference
 * "dates" that are not dates, a ReferralNFA flag that is missing or not a yes/no, and a
 * section 47 enquiry with a conference date that is also marked "not required".
 */
import { describe, expect, it } from 'vitest';
import type { CinDetails, Section47 } from '../model.js';
import { child, episode, reports } from './damaged.test-kit.js';

function fails(code: string, ...episodes: CinDetails[]): boolean {
  return reports(code, child(...episodes));
}

function s47(fields: Partial<Section47> = {}): Section47 {
  return {
    S47ActualStartDate: '2025-06-05',
    InitialCPCtarget: '2025-06-26',
    DateOfInitialCPC: '2025-06-19',
    ICPCnotRequired: '0',
    ...fields,
  };
}

describe('a closure date that is not a date counts as none', () => {
  it('8805: no reason needed for it', () => {
    for (const bad of ['ZZ', 'X', '0', '2025-09-31']) expect(fails('8805', episode({ CINclosureDate: bad }))).toBe(false);
    expect(fails('8805', episode({ CINclosureDate: '2025-09-30' }))).toBe(true);
  });

  it('8810: a reason with it has no closure date', () => {
    expect(fails('8810', episode({ CINclosureDate: '2025-09-31', ReasonForClosure: 'RC7' }))).toBe(true);
    expect(fails('8810', episode({ CINclosureDate: '2025-09-30', ReasonForClosure: 'RC7' }))).toBe(false);
  });

  it('8815: the episode is still open', () => {
    const first = episode({ CINreferralDate: '2025-05-01' });
    expect(fails('8815', first, episode({ CINreferralDate: '2025-10-18', CINclosureDate: 'X' }))).toBe(true);
    expect(fails('8815', first, episode({ CINreferralDate: '2025-10-18', CINclosureDate: '2025-11-01', ReasonForClosure: 'RC7' }))).toBe(
      false,
    );
  });
});

describe('ReferralNFA must be explicitly 0 or false where DfE says "= false or 0"', () => {
  it('8569Q queries an early referral whose flag is missing or not a yes/no', () => {
    const early = { CINreferralDate: '2024-11-07', CINclosureDate: '2025-09-09', ReasonForClosure: 'RC3' };
    for (const flag of ['X', null, '1']) expect(fails('8569Q', episode({ ...early, ReferralNFA: flag }))).toBe(true);
    expect(fails('8569Q', episode({ ...early, ReferralNFA: '0' }))).toBe(false);
    expect(fails('8569Q', episode({ ...early, ReferralNFA: 'false' }))).toBe(false);
  });

  it('8815 and 8816 count open episodes that went on to further action only', () => {
    const older = episode({ CINreferralDate: '2025-05-01', ReferralNFA: 'X' });
    const later = episode({ CINreferralDate: '2025-08-01', CINclosureDate: '2025-08-10', ReasonForClosure: 'RC7' });
    expect(fails('8816', older, later)).toBe(false);
    expect(fails('8816', { ...older, ReferralNFA: '0' }, later)).toBe(true);
    expect(fails('8815', older, { ...later, CINclosureDate: null, ReasonForClosure: null })).toBe(false);
    expect(fails('8815', { ...older, ReferralNFA: '0' }, { ...later, CINclosureDate: null, ReasonForClosure: null })).toBe(true);
  });

  it('8816: an open episode sharing the latest referral date is the latest', () => {
    expect(fails('8816', episode(), episode())).toBe(false);
    expect(fails('8815', episode(), episode())).toBe(true);
  });
});

describe('2990: an episode-level conference "date" that is not a date records no conference', () => {
  it('is not activity after an RC9 closure', () => {
    const closed = { CINclosureDate: '2025-11-24', ReasonForClosure: 'RC9' };
    expect(fails('2990', episode({ ...closed, DateOfInitialCPC: '0' }))).toBe(false);
    expect(fails('2990', episode({ ...closed, DateOfInitialCPC: '2025-11-01' }))).toBe(true);
  });
});

describe('8868: a closed episode\'s enquiry ended by a conference or by "not required", not both', () => {
  const closed = { CINclosureDate: '2026-03-31', ReasonForClosure: 'RC3' };
  it('reports a conference date with the flag set', () => {
    expect(fails('8868', episode({ ...closed, Section47: [s47({ ICPCnotRequired: '1' })] }))).toBe(true);
    expect(fails('8868', episode({ ...closed, Section47: [s47({ ICPCnotRequired: 'true' })] }))).toBe(true);
  });
  it('accepts one or the other', () => {
    expect(fails('8868', episode({ ...closed, Section47: [s47()] }))).toBe(false);
    expect(fails('8868', episode({ ...closed, Section47: [s47({ DateOfInitialCPC: null, ICPCnotRequired: '1' })] }))).toBe(false);
    expect(fails('8868', episode({ ...closed, Section47: [s47({ DateOfInitialCPC: null })] }))).toBe(true);
  });
});
