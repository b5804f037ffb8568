import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CinReturn, CinYear } from './model.js';
import { generateCin } from './tooling/generate.js';
import { readCin } from './read.js';
import { cinSchema } from './schema/index.js';
import { schemaProblems } from './schema/conformance.js';
import { writeCin, writeCinChunks } from './write.js';

const char = fc.constantFrom(...'abcXYZ019 -/<>&\'"é'.split(''));
/** Element text as the model holds it: trimmed and non-empty, or null. */
const text = fc.option(
  fc
    .string({ unit: char, minLength: 1, maxLength: 10 })
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
  { nil: null },
);
const list = fc.array(text, { maxLength: 3 });

const assessment = fc.record({
  AssessmentActualStartDate: text,
  AssessmentInternalReviewDate: text,
  AssessmentAuthorisationDate: text,
  AssessmentFactors: list,
});
const details = fc.record({
  CINreferralDate: text,
  ReferralSource: text,
  PrimaryNeedCode: text,
  CINclosureDate: text,
  ReasonForClosure: text,
  DateOfInitialCPC: text,
  Assessments: fc.array(assessment, { maxLength: 2 }),
  CINPlanDates: fc.array(fc.record({ CINPlanStartDate: text, CINPlanEndDate: text }), { maxLength: 2 }),
  Section47: fc.array(fc.record({ S47ActualStartDate: text, InitialCPCtarget: text, DateOfInitialCPC: text, ICPCnotRequired: text }), {
    maxLength: 2,
  }),
  ReferralNFA: text,
  ChildProtectionPlans: fc.array(
    fc.record({
      CPPstartDate: text,
      CPPendDate: text,
      InitialCategoryOfAbuse: text,
      LatestCategoryOfAbuse: text,
      NumberOfPreviousCPP: text,
      CPPreviewDate: list,
    }),
    { maxLength: 2 },
  ),
});
const child = fc.record({
  identifiers: fc.record({
    LAchildID: text,
    UPN: text,
    FormerUPN: text,
    UPNunknown: text,
    PersonBirthDate: text,
    ExpectedPersonBirthDate: text,
    Sex: text,
    PersonDeathDate: text,
  }),
  characteristics: fc.record({ Ethnicity: text, Disabilities: list }),
  cinDetails: fc.array(details, { maxLength: 2 }),
});
const header = fc.option(
  fc.record({
    CollectionDetails: fc.option(fc.record({ Collection: text, Year: text, ReferenceDate: text }), { nil: null }),
    Source: fc.array(fc.record({ SourceLevel: text, LEA: text, SoftwareCode: text, Release: text, SerialNo: text, DateTime: text }), {
      maxLength: 2,
    }),
  }),
  { nil: null },
);
const cinReturn: fc.Arbitrary<CinReturn> = fc.record({
  year: fc.constantFrom<CinYear>(2023, 2024, 2025, 2026),
  header,
  children: fc.array(child, { maxLength: 4 }),
});

function withoutSource(ret: CinReturn): CinReturn {
  const { source: _source, ...rest } = ret;
  return rest;
}

describe('writing a CIN census message', () => {
  it('reads back to the same return, whatever the return holds', () => {
    fc.assert(
      fc.property(cinReturn, (ret) => {
        const back = readCin(writeCin(ret), { file: 'round-trip.xml', year: ret.year });
        expect(withoutSource(back)).toEqual(ret);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it.each([2023, 2024, 2025, 2026] as const)(
    "writes a generated %i return that conforms to that year's schema and reads back the same",
    (year) => {
      const { ret } = generateCin({ children: 300, year, seed: year });
      const xml = writeCin(ret);
      expect(schemaProblems(xml, cinSchema(year))).toEqual([]);
      expect(withoutSource(readCin(xml, { file: 'generated.xml' }))).toEqual(ret);
    },
  );

  it("names the child's sex as the year's schema does", () => {
    const { ret } = generateCin({ children: 1, year: 2024, seed: 1 });
    expect(writeCin(ret)).toMatch(/<GenderCurrent>[12]<\/GenderCurrent>/);
    expect(writeCin({ ...ret, year: 2025 })).toMatch(/<Sex>[12]<\/Sex>/);
  });

  it('writes the same message in pieces as whole', () => {
    const { ret } = generateCin({ children: 25, year: 2026, seed: 3 });
    const pieces = [...writeCinChunks(ret, { childrenPerChunk: 10 })];
    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe(writeCin(ret));
  });
});
