import { describe, expect, it } from 'vitest';
import { RULE_TEXTS, ruleText } from './rule-texts.js';
import { columnsFor, tableForHeader, tablesFor } from './tables.js';

describe('903 tables', () => {
  it("knows each year's tables", () => {
    expect(tablesFor(2023)).not.toContain('SWEpisodes');
    expect(tablesFor(2024)).toContain('SWEpisodes');
    expect(tablesFor(2026)).not.toContain('DoLo');
    expect(tablesFor(2027)).toContain('DoLo');
    expect(columnsFor('Header', 2026)).toEqual(['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']);
  });
  it('tells a table by its header, whatever the order and case', () => {
    expect(tableForHeader(['dob', 'CHILD', ' REVIEW ', 'REVIEW_CODE'])).toBe('Reviews');
    expect(tableForHeader(['CHILD', 'SEX', 'DOB', 'DUC'])).toBe('UASC');
    expect(tableForHeader(['CHILD', 'DOB', 'REVIEW'])).toBeNull();
  });
});

describe('DfE rule texts', () => {
  it('reads every rule with its message, fields and years', () => {
    expect(RULE_TEXTS.size).toBeGreaterThan(300);
    const r = ruleText('232');
    expect(r.message).toBe('Sex of the child/young person has been reported as unknown.');
    expect(r.years).toEqual([2025, 2026, 2027]);
    expect(ruleText('204').tables).toEqual(['Header']);
    expect(ruleText('204').usesPrevious).toBe(true);
    expect(ruleText('219').usesProviders).toBe(true);
  });
});
