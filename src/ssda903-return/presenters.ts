/**
 * What the return's pages and the child's record show: a child's findings, each with the page
 * where what it is about is recorded, so it can be put right there.
 */
import * as adoptionPaths from '../adoption/paths.js';
import { childPaths } from '../children/paths.js';
import {
  healthAndEducationPath,
  newConvictionPath,
  newDentalCheckPath,
  newHealthAssessmentPath,
  newHealthStatusPath,
  newSdqPath,
  newSubstanceMisusePath,
} from '../health-and-education/paths.js';
import { carePeriodPath, lookedAfterPath, lookedAfterReviewPath } from '../looked-after/paths.js';
import { missingEpisodePath, missingEpisodesPath } from '../missing-episodes/paths.js';
import type { Finding } from '../returns/findings.js';
import type { TableName } from '../returns/ssda903/model.js';
import { workforcePaths } from '../workforce/paths.js';
import type { Built903, RowSource } from './build.js';

export interface FixLink {
  href: string;
  text: string;
}

const MOTHER_FIELDS = new Set(['MOTHER', 'MC_DOB']);

/** Where each OC2 column's fact is recorded on the health and education pages. */
const OC2_PAGES: Record<string, (childId: string) => FixLink> = {
  SDQ_SCORE: (id) => ({ href: newSdqPath(id), text: 'Record a strengths and difficulties questionnaire' }),
  SDQ_REASON: (id) => ({ href: newSdqPath(id), text: 'Record a strengths and difficulties questionnaire' }),
  CONVICTED: (id) => ({ href: newConvictionPath(id), text: 'Record a conviction or youth caution' }),
  HEALTH_CHECK: (id) => ({ href: newHealthStatusPath(id), text: 'Record immunisations or health surveillance' }),
  IMMUNISATIONS: (id) => ({ href: newHealthStatusPath(id), text: 'Record immunisations or health surveillance' }),
  TEETH_CHECK: (id) => ({ href: newDentalCheckPath(id), text: 'Record a dental check' }),
  HEALTH_ASSESSMENT: (id) => ({ href: newHealthAssessmentPath(id), text: 'Record a health assessment' }),
  SUBSTANCE_MISUSE: (id) => ({ href: newSubstanceMisusePath(id), text: 'Record substance misuse' }),
  INTERVENTION_RECEIVED: (id) => ({ href: newSubstanceMisusePath(id), text: 'Record substance misuse' }),
  INTERVENTION_OFFERED: (id) => ({ href: newSubstanceMisusePath(id), text: 'Record substance misuse' }),
};

/**
 * The page recording the finding's health and education columns when they are all recorded on
 * one (a rule on the SDQ by age names DOB too), else the overview; the child's details for DOB alone.
 */
function oc2Fix(childId: string, fields: readonly string[]): FixLink {
  const recorded = fields.filter((f) => OC2_PAGES[f]);
  const pages = new Set(recorded.map((f) => OC2_PAGES[f]!(childId).href));
  if (pages.size === 1) return OC2_PAGES[recorded[0]!]!(childId);
  if (pages.size === 0 && fields.includes('DOB')) return { href: childPaths.edit(childId), text: 'Change the child’s details' };
  return { href: healthAndEducationPath(childId), text: 'Health and education' };
}

/**
 * Where a finding is put right: the page that records what its row holds (the child's details,
 * the period of care and its placements, the review, the allocation, the missing episode, the
 * health and education pages), or the child's looked
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
    case 'DoLo':
      // the period's page lists its deprivation of liberty orders, each corrected or ended there
      return source.periodId
        ? { href: carePeriodPath(childId, source.periodId), text: 'The period of care' }
        : { href: lookedAfterPath(childId), text: 'Looked after' };
    case 'Reviews':
      return source.periodId && source.reviewId
        ? { href: lookedAfterReviewPath(childId, source.periodId, source.reviewId), text: 'The looked after review' }
        : { href: lookedAfterPath(childId), text: 'Looked after' };
    case 'OC2':
      return oc2Fix(childId, finding.fields);
    case 'Missing':
      return source.missingEpisodeId
        ? { href: missingEpisodePath(childId, source.missingEpisodeId), text: 'The missing episode' }
        : { href: missingEpisodesPath(childId), text: 'Missing episodes' };
    case 'SWEpisodes':
      return { href: workforcePaths.allocation(childId), text: 'The child’s allocation' };
    case 'PrevPerm':
      return { href: adoptionPaths.previousPermanencePath(childId), text: 'Permanence before care' };
    case 'AD1':
    case 'PlacedAdoption':
      return source.adoptionJourneyId
        ? { href: adoptionPaths.journeyPath(childId, source.adoptionJourneyId), text: 'The adoption journey' }
        : { href: adoptionPaths.adoptionPath(childId), text: 'Adoption' };
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
