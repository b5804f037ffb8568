/**
 * What the return's pages and the child's record show: a child's findings, each with the page
 * where what it is about is recorded, so it can be put right there.
 */
import { childPaths } from '../children/paths.js';
import { carePeriodPath, lookedAfterPath, lookedAfterReviewPath } from '../looked-after/paths.js';
import type { Finding } from '../returns/findings.js';
import type { TableName } from '../returns/ssda903/model.js';
import { workforcePaths } from '../workforce/paths.js';
import type { Built903, RowSource } from './build.js';

export interface FixLink {
  href: string;
  text: string;
}

const MOTHER_FIELDS = new Set(['MOTHER', 'MC_DOB']);

/**
 * Where a finding is put right: the page that records what its row holds (the child's details,
 * the period of care and its placements, the review, the allocation), or the child's looked
 * after record for a table the record does not fill yet; null when the row has no source.
 */
export function fixFor(finding: Pick<Finding, 'table' | 'row' | 'fields'>, current: Built903, previous: Built903): FixLink | null {
  const last = finding.table.endsWith('_last');
  const table = (last ? finding.table.slice(0, -'_last'.length) : finding.table) as TableName;
  const source: RowSource | undefined = finding.row === null ? undefined : (last ? previous : current).sources[table]?.[finding.row - 1];
  if (!source) return null;
  const { childId } = source;
  switch (table) {
    case 'Header':
      return finding.fields.some((f) => MOTHER_FIELDS.has(f))
        ? { href: childPaths.relationships(childId), text: 'The people in the child’s life' }
        : { href: childPaths.edit(childId), text: 'Change the child’s details' };
    case 'Episodes':
      // the period's page shows its episodes and placements, and is where each is changed or the period ended
      return source.periodId
        ? { href: carePeriodPath(childId, source.periodId), text: 'The period of care' }
        : { href: lookedAfterPath(childId), text: 'Looked after' };
    case 'Reviews':
      return source.periodId && source.reviewId
        ? { href: lookedAfterReviewPath(childId, source.periodId, source.reviewId), text: 'The looked after review' }
        : { href: lookedAfterPath(childId), text: 'Looked after' };
    case 'SWEpisodes':
      return { href: workforcePaths.allocation(childId), text: 'The child’s allocation' };
    default:
      return { href: lookedAfterPath(childId), text: 'Looked after' };
  }
}

export interface ChildFinding {
  rule: string;
  message: string;
  fields: string;
  fix: FixLink | null;
}

/**
 * The findings about a child's rows (not the return as a whole), each with where it is put
 * right; a rule broken by several rows put right in one place (two social workers' episodes,
 * say) is listed once.
 */
export function childFindings(findings: readonly Finding[], current: Built903, previous: Built903): ChildFinding[] {
  const seen = new Set<string>();
  const out: ChildFinding[] = [];
  for (const f of findings) {
    if (f.row === null) continue;
    const fix = fixFor(f, current, previous);
    const key = `${f.rule}\u0000${fix?.href ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: f.rule, message: f.message, fields: f.fields.join(', '), fix });
  }
  return out;
}
