import { describe, expect, it } from 'vitest';
import * as r from './header-b.js';
import { child, episode, flagged } from './b-test-kit.js';

describe('reviews: how the child took part, for their age', () => {
  const review = (dob: string, on: string, code: string) => ({ CHILD: 'A', DOB: dob, REVIEW: on, REVIEW_CODE: code });
  it('440: PN0 (under 4) is wrong for a child of 4 or over', () => {
    expect(flagged(r.rule440, { Reviews: [review('01/06/2021', '01/06/2025', 'PN0'), review('01/06/2021', '31/05/2025', 'PN0')] })).toEqual(['Reviews 1']);
  });
  it('441: PN1-PN7 are for children of 4 or over', () => {
    expect(flagged(r.rule441, { Reviews: [review('01/06/2021', '31/05/2025', 'PN1'), review('01/06/2021', '01/06/2025', 'PN7')] })).toEqual(['Reviews 1']);
  });
});

describe('unique pupil numbers', () => {
  it('442: a child looked after (not only on short breaks) has a UPN or a reason code', () => {
    const tables = {
      Header: [child('A', '01/01/2015', { UPN: null }), child('B', '01/01/2015', { UPN: null }), child('C', '01/01/2015', { UPN: 'UN1' })],
      Episodes: [episode('A', '01/05/2025'), episode('B', '01/05/2025', { LS: 'V3' }), episode('C', '01/05/2025')],
    };
    expect(flagged(r.rule442, tables)).toEqual(['Header 1']);
  });
  it('444: two children cannot share a UPN; reason codes UN1-UN5 may repeat', () => {
    const h = [child('A', '01/01/2015'), child('B', '01/01/2016'), child('C', '01/01/2015', { UPN: 'UN2' }), child('D', '01/01/2015', { UPN: 'UN2' }), child('E', '01/01/2015', { UPN: 'B123456789012' })];
    expect(flagged(r.rule444, { Header: h })).toEqual(['Header 1', 'Header 2']);
  });
});

describe('motherhood', () => {
  it('607: a girl who ceased to be looked after has the mother field completed', () => {
    const eps = [episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }), episode('B', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }), episode('C', '01/05/2025', { DEC: '01/09/2025', REC: 'X1' })];
    const header = [child('A', '01/01/2009', { SEX: 'F' }), child('B', '01/01/2009', { SEX: 'F', MOTHER: '0' }), child('C', '01/01/2009', { SEX: 'F' })];
    expect(flagged(r.rule607, { Header: header, Episodes: eps })).toEqual(['Episodes 1', 'Header 1']);
  });
  it('607: a child listed twice in the Header is checked against each row', () => {
    const eps = [episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' })];
    const header = [child('A', '01/01/2019', { SEX: 'M' }), child('A', '01/01/2009', { SEX: 'F' })];
    expect(flagged(r.rule607, { Header: header, Episodes: eps })).toEqual(['Episodes 1', 'Header 2']);
  });
  it('611: a mother has her child’s date of birth', () => {
    expect(flagged(r.rule611, { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/02/2025' })] })).toEqual(['Header 1']);
  });
  it('612: a child’s date of birth is only given for a mother', () => {
    expect(flagged(r.rule612, { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '0', MC_DOB: '01/02/2025' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/02/2025' })] })).toEqual(['Header 1']);
  });
  it('612: a mother code that is not a code does not say the girl is not a mother', () => {
    expect(flagged(r.rule612, { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: 'X', MC_DOB: '01/02/2025' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: null, MC_DOB: '01/02/2025' })] })).toEqual(['Header 2']);
  });
  it('620: a mother under 11 at the start of the year is an error', () => {
    expect(flagged(r.rule620, { Header: [child('A', '02/04/2014', { SEX: 'F', MOTHER: '1' }), child('B', '01/04/2014', { SEX: 'F', MOTHER: '1' })] })).toEqual(['Header 1']);
  });
  it('621: a mother is older than her child', () => {
    expect(flagged(r.rule621, { Header: [child('A', '01/01/2010', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2009' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' })] })).toEqual(['Header 1']);
  });
  it('624: the first child’s date of birth is the same as last year', () => {
    const previous = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' })] };
    const now = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '02/01/2024' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' })] };
    expect(flagged(r.rule624, now, { previous })).toEqual(['Header 1']);
  });
  it('624: a date last year that is not a date is contradicted by a blank one this year', () => {
    const previous = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' })] };
    const now = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: null }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' })] };
    expect(flagged(r.rule624, now, { previous })).toEqual(['Header 1']);
  });
  it('625: the first child is not born after the year ends or after the mother left care', () => {
    const header = [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/10/2025' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/10/2025' })];
    const eps = [episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }), episode('B', '01/05/2025')];
    expect(flagged(r.rule625, { Header: header, Episodes: eps })).toEqual(['Header 1', 'Episodes 1']);
  });
  it('626: a mother this year of a child born before it was not "not a mother" last year', () => {
    const previous = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '0' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '0' })] };
    const now = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/06/2025' })] };
    expect(flagged(r.rule626, now, { previous })).toEqual(['Header 1']);
  });
  it('628: a care leaver not looked after this year has no motherhood details', () => {
    const tables = {
      Header: [child('A', '01/01/2006', { SEX: 'F', MOTHER: '0' }), child('B', '01/01/2006', { SEX: 'F', MOTHER: '0' })],
      OC3: [{ CHILD: 'A', DOB: '01/01/2006', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' }, { CHILD: 'B', DOB: '01/01/2006', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' }],
      Episodes: [episode('B', '01/05/2025')],
    };
    expect(flagged(r.rule628, tables)).toEqual(['Header 1']);
  });
});
