/**
 * The CIN census schemas by collection year, and the code lists their enumerations
 * define. Data: cin-schemas.json, read from DfE's XSDs by extract.ts.
 */
import schemas from './cin-schemas.json' with { type: 'json' };
import type { CinSchema, Code, ElementDecl } from './types.js';

export type { CinSchema, Code, ElementDecl, SimpleTypeDecl } from './types.js';

/** Collection years, named by the year the census ends (2026 = the 2025 to 2026 census, reference date 31 March 2026). */
export const CIN_YEARS = [2023, 2024, 2025, 2026] as const;
export type CinYear = (typeof CIN_YEARS)[number];

export function isCinYear(year: number): year is CinYear {
  return (CIN_YEARS as readonly number[]).includes(year);
}

const all = schemas as unknown as Record<string, CinSchema>;

export function cinSchema(year: CinYear): CinSchema {
  const schema = all[String(year)];
  if (!schema) throw new RangeError(`No CIN census schema for ${year}`);
  return schema;
}

/** The code lists a year's schema defines, by what they code. */
export interface CinCodeLists {
  /** Sex (2025 on: M, F, U) or GenderCurrent (to 2024: 1, 2, 0, 9). */
  sex: readonly Code[];
  ethnicity: readonly Code[];
  disability: readonly Code[];
  referralSource: readonly Code[];
  primaryNeed: readonly Code[];
  reasonForClosure: readonly Code[];
  categoryOfAbuse: readonly Code[];
  assessmentFactors: readonly Code[];
  upnUnknown: readonly Code[];
  yesNo: readonly Code[];
}

export interface CinYearSchema {
  year: CinYear;
  schema: CinSchema;
  /** What the year's schema calls the child's sex: 'GenderCurrent' to 2024, 'Sex' from 2025. */
  sexElement: 'Sex' | 'GenderCurrent';
  /** The sex code for an unborn child: '0' (GenderCurrent, "not recorded or unborn") or 'U'. */
  unbornSex: string;
  codes: CinCodeLists;
  /** Code sets for quick membership tests. */
  codeSets: { [K in keyof CinCodeLists]: ReadonlySet<string> };
  /** Every element declaration by name (names are unique in the CIN schemas). */
  elements: ReadonlyMap<string, ElementDecl>;
}

const cache = new Map<CinYear, CinYearSchema>();

export function cinYearSchema(year: CinYear): CinYearSchema {
  const hit = cache.get(year);
  if (hit) return hit;
  const schema = cinSchema(year);
  const elements = new Map<string, ElementDecl>();
  (function walk(e: ElementDecl) {
    elements.set(e.name, e);
    for (const c of e.children ?? []) walk(c);
  })(schema.message);
  const sexElement = elements.has('Sex') ? 'Sex' : 'GenderCurrent';
  const listOf = (element: string): readonly Code[] => {
    const type = elements.get(element)?.type;
    const list = type ? schema.simpleTypes[type]?.enumeration : undefined;
    if (!list) throw new Error(`${schema.source}: no code list for ${element}`);
    return list;
  };
  const codes: CinCodeLists = {
    sex: listOf(sexElement),
    ethnicity: listOf('Ethnicity'),
    disability: listOf('Disability'),
    referralSource: listOf('ReferralSource'),
    primaryNeed: listOf('PrimaryNeedCode'),
    reasonForClosure: listOf('ReasonForClosure'),
    categoryOfAbuse: listOf('InitialCategoryOfAbuse'),
    assessmentFactors: listOf('AssessmentFactors'),
    upnUnknown: listOf('UPNunknown'),
    yesNo: listOf('ReferralNFA'),
  };
  const codeSets = Object.fromEntries(
    Object.entries(codes).map(([k, v]) => [k, new Set((v as Code[]).map((c) => c.code))]),
  ) as unknown as CinYearSchema['codeSets'];
  const result: CinYearSchema = {
    year,
    schema,
    sexElement,
    unbornSex: sexElement === 'Sex' ? 'U' : '0',
    codes,
    codeSets,
    elements,
  };
  cache.set(year, result);
  return result;
}
