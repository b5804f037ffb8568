/**
 * The SSDA903 from the record: DfE's children looked after return for a collection year, made
 * from what the looked after area records (periods of care, episodes, placements, reviews),
 * the child's details, their allocations to a social worker, missing episodes (Missing) and
 * health and education (OC2), written as DfE's CSV files and validated with every SSDA903
 * rule, the year before built alongside for the rules that compare years. It records nothing of its own; it reads the areas' tables, so it sits above them.
 * It gives the Returns page a return to build and the child's record the findings about the child.
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area } from '../core/http/area.js';
import { RecentResults } from '../core/memo/recent-results.js';
import { ssda903ReturnPaths as paths } from './paths.js';
import { childFindings } from './presenters.js';
import { inReturn } from './queries.js';
import { ssda903ReturnRoutes } from './routes.js';
import { buildBoth, check903, currentReturnYear, recordsFor, yearLabel } from './ssda903.js';

/** The section's view of a child's part of the return, kept while what it is made from is unchanged. */
const recent = new RecentResults<object | null>(1000);

/** The findings of the return the record makes today about a child looked after in the year, each with where it is put right. */
const section: RecordSectionSource = async (db, childId, _obligations, today) => {
  const year = currentReturnYear(today);
  // a child not looked after in the year is not in the return: nothing to say, and nothing to build
  if (!(await inReturn(db, year, childId))) return null;
  const records = await recordsFor(db, year, childId);
  const view = recent.of({ year, records }, () => {
    const { current, previous } = buildBoth(year, records);
    if (!current.tables.Header?.rows.length) return null;
    const checked = check903(current, previous);
    return { year: yearLabel(year), findings: childFindings(checked.findings, current, previous), notBuilt: current.notBuilt.join(', ') };
  });
  return view && { template: 'ssda903-return/views/record-section.njk', view };
};

export const ssda903ReturnArea = {
  name: 'ssda903Return',
  routes: [ssda903ReturnRoutes],
  paths,
  recordSection: section,
} satisfies Area & { recordSection: RecordSectionSource };
