import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_JSON, XSD_FOLDER, extractSchemas } from './extract.js';
import { CIN_YEARS, cinYearSchema } from './index.js';
import { schemaProblems } from './conformance.js';

describe('the CIN schemas as data', () => {
  it('are what extract.ts reads from the committed DfE schemas', () => {
    const committed = JSON.parse(readFileSync(SCHEMAS_JSON, 'utf8'));
    expect(extractSchemas(XSD_FOLDER)).toEqual(committed);
    expect(Object.keys(committed)).toEqual(CIN_YEARS.map(String));
  });

  it("name the child's sex GenderCurrent (1, 2, 0, 9) to 2024 and Sex (M, F, U) from 2025", () => {
    expect(cinYearSchema(2024).sexElement).toBe('GenderCurrent');
    expect(cinYearSchema(2024).codes.sex.map((c) => c.code)).toEqual(['1', '2', '0', '9']);
    expect(cinYearSchema(2025).sexElement).toBe('Sex');
    expect(cinYearSchema(2025).codes.sex.map((c) => c.code)).toEqual(['M', 'F', 'U']);
  });

  it("carry DfE's code lists with their labels", () => {
    const codes = cinYearSchema(2026).codes;
    expect(codes.ethnicity).toHaveLength(20);
    expect(codes.disability.map((c) => c.code)).toContain('NONE');
    expect(codes.reasonForClosure.find((c) => c.code === 'RC2')?.label).toBe('Died');
    expect(codes.primaryNeed.find((c) => c.code === 'N1')?.label).toBe('Abuse, neglect and exploitation');
    expect(cinYearSchema(2025).codes.primaryNeed.find((c) => c.code === 'N1')?.label).toBe('Abuse or neglect');
    expect(codes.assessmentFactors.map((c) => c.code)).toEqual(expect.arrayContaining(['18A', '18B', '18C', '21', '24A']));
  });
});

describe('schema conformance', () => {
  const schema = cinYearSchema(2026).schema;
  const child = (ids: string) =>
    `<Message><Children><Child><ChildIdentifiers>${ids}</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>` +
    '<CINdetails><CINreferralDate>2025-06-01</CINreferralDate><ReferralSource>1A</ReferralSource><ReferralNFA>0</ReferralNFA></CINdetails></Child></Children></Message>';

  it("accepts a minimal message in the schema's order", () => {
    expect(schemaProblems(child('<LAchildID>A1</LAchildID><Sex>F</Sex>'), schema)).toEqual([]);
  });

  it('finds elements out of order, missing, or with values outside their type', () => {
    expect(schemaProblems(child('<Sex>F</Sex><LAchildID>A1</LAchildID>'), schema).join('\n')).toMatch(/LAchildID/);
    expect(schemaProblems(child('<LAchildID>A1</LAchildID>'), schema).join('\n')).toMatch(/<Sex> missing/);
    expect(schemaProblems(child('<LAchildID>A1</LAchildID><Sex>1</Sex>'), schema).join('\n')).toMatch(/"1" is not in sextype/);
    expect(
      schemaProblems(child('<LAchildID>A1</LAchildID><PersonBirthDate>2020-02-30</PersonBirthDate><Sex>F</Sex>'), schema).join('\n'),
    ).toMatch(/not an xs:date/);
  });
});
