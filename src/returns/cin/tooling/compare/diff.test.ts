import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../findings.js';
import { agrees, diffFindings, formatDiff, locate, parseReferenceCsv } from './diff.js';

const finding = (rule: string, table: string, row: number | null): Finding => ({
  rule,
  table,
  row,
  childId: null,
  fields: [],
  message: '',
});

describe('comparing with the reference validator', () => {
  it("reads the driver's CSV, Windows line ends included", () => {
    expect(parseReferenceCsv('rule,table,row\r\n8600,CINdetails,3\r\n2887Q,,\r\n')).toEqual([
      { rule: '8600', table: 'CINdetails', row: '3' },
      { rule: '2887Q', table: '', row: '' },
    ]);
    expect(() => parseReferenceCsv('code,row\n')).toThrow(/rule,table,row/);
  });

  it('agrees on a rule when both report the same children, whatever the tables', () => {
    const ours = locate([finding('8600', 'CINdetails', 3), finding('2887Q', 'Disabilities', null)]);
    const ref = parseReferenceCsv('rule,table,row\n8600,CINdetails,3\n8600,Assessments,3\n2887Q,,\n');
    const diffs = diffFindings(ours, ref);
    expect(diffs.every(agrees)).toBe(true);
    expect(diffs.find((d) => d.rule === '8600')!.referenceTables).toEqual(['Assessments', 'CINdetails']);
  });

  it('lists the children only one side reports, and a table that differs', () => {
    const ours = locate([finding('1103', 'Assessments', 2), finding('1103', 'Assessments', 5)]);
    const ref = parseReferenceCsv('rule,table,row\n1103,CINdetails,5\n1103,Assessments,9\n');
    const [d] = diffFindings(ours, ref, ['1103']);
    expect(d).toMatchObject({ rule: '1103', ours: 2, reference: 2, onlyOurs: ['2'], onlyReference: ['9'], tableDiffers: ['5'] });
    expect(formatDiff([d!])).toMatch(/1103 .* NO .*ours: 2 \| ref: 9/);
  });
});
