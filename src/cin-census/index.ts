/**
 * The CIN census from the record: DfE's children in need census for a collection year, made
 * from what the areas of practice record (children, referrals, assessments, plans, enquiries),
 * written as the XML message, checked against the year's schema and validated with every
 * CIN rule. It records nothing of its own; it reads the areas' tables, so it sits above them.
 * It gives the Returns page a census to build and the child's record the findings about the child.
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area } from '../core/http/area.js';
import { RecentResults } from '../core/memo/recent-results.js';
import { buildCensus } from './build.js';
import { checkCensus, currentCensusYear, yearLabel } from './census.js';
import { censusRecord } from './queries.js';
import { cinCensusPaths as paths } from './paths.js';
import { childFindings } from './presenters.js';
import { cinCensusRoutes } from './routes.js';

/** The section's view of a child's part of the census, kept while what it is made from is unchanged. */
const recent = new RecentResults<object>(1000);

/** The findings of the census the record makes today about the child, each with where it is put right. */
const section: RecordSectionSource = async (db, childId, _obligations, today) => {
  const year = currentCensusYear(today);
  const record = await censusRecord(db, year, childId);
  const view = recent.of({ year, record }, () => {
    const checked = checkCensus(buildCensus(record, year, {}));
    const inCensus = checked.census.children.length > 0;
    return {
      year: yearLabel(year),
      inCensus,
      findings: childFindings(checked.findings, checked.sources[0]),
      schemaProblems: inCensus ? checked.schemaProblems : [],
    };
  });
  return { template: 'cin-census/views/record-section.njk', view };
};

export const cinCensusArea = {
  name: 'cinCensus',
  routes: [cinCensusRoutes],
  paths,
  recordSection: section,
} satisfies Area & { recordSection: RecordSectionSource };
