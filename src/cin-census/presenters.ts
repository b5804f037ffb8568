/**
 * What the census pages and the child's record show: a child's findings, each with the page
 * where what it is about is recorded, so it can be put right there.
 */
import { assessmentPaths } from '../assessment/paths.js';
import { childPaths } from '../children/paths.js';
import { planPath as cpPlanPath, childProtectionPath, s47EnquiryPath } from '../child-protection/paths.js';
import { planPath as cinPlanPath, childrenInNeedPath, closurePath } from '../children-in-need/paths.js';
import { frontDoorPaths } from '../front-door/paths.js';
import type { Finding } from '../returns/findings.js';
import type { CensusSources } from './build.js';

export interface FixLink {
  href: string;
  text: string;
}

/** The last id of a kind across the child's episodes: the latest such item the census holds. */
function latest(sources: CensusSources, pick: (e: CensusSources['episodes'][number]) => string[]): string | null {
  for (let i = sources.episodes.length - 1; i >= 0; i--) {
    const ids = pick(sources.episodes[i]!);
    if (ids.length) return ids[ids.length - 1]!;
  }
  return null;
}

const CLOSURE_FIELDS = new Set(['CINclosureDate', 'ReasonForClosure']);

/**
 * Where a finding about a child is put right: the page that records what its rule's table
 * holds (the child's details, the referral, the assessment, the plan, the enquiry), the
 * latest of its kind in the census, or null when no page records it.
 */
export function fixFor(finding: Pick<Finding, 'table' | 'fields'>, sources: CensusSources): FixLink | null {
  const childId = sources.childId;
  switch (finding.table) {
    case 'ChildIdentifiers':
    case 'ChildCharacteristics':
    case 'Disabilities':
      return { href: childPaths.edit(childId), text: 'Change the child’s details' };
    case 'CINdetails': {
      if (finding.fields.some((f) => CLOSURE_FIELDS.has(f))) return { href: closurePath(childId), text: 'Close the case' };
      const contactId = latestContact(sources);
      return contactId ? { href: frontDoorPaths.contact(contactId), text: 'The contact and referral' } : null;
    }
    case 'Assessments': {
      const id = latest(sources, (e) => e.assessmentIds);
      return id
        ? { href: assessmentPaths.show(childId, id), text: 'The assessment' }
        : { href: assessmentPaths.list(childId), text: 'The child’s assessments' };
    }
    case 'CINplanDates': {
      const id = latest(sources, (e) => e.cinPlanIds);
      return id
        ? { href: cinPlanPath(childId, id), text: 'The child in need plan' }
        : { href: childrenInNeedPath(childId), text: 'Children in need' };
    }
    case 'Section47': {
      const id = latest(sources, (e) => e.section47Ids);
      return id
        ? { href: s47EnquiryPath(childId, id), text: 'The section 47 enquiry' }
        : { href: childProtectionPath(childId), text: 'Child protection' };
    }
    case 'ChildProtectionPlans':
    case 'Reviews': {
      const id = latest(sources, (e) => e.cpPlanIds);
      return id
        ? { href: cpPlanPath(childId, id), text: 'The child protection plan' }
        : { href: childProtectionPath(childId), text: 'Child protection' };
    }
    default:
      return null;
  }
}

function latestContact(sources: CensusSources): string | null {
  for (let i = sources.episodes.length - 1; i >= 0; i--) {
    const c = sources.episodes[i]!.contactId;
    if (c) return c;
  }
  return null;
}

export interface ChildFinding {
  rule: string;
  message: string;
  fields: string;
  fix: FixLink | null;
}

/** A child's findings (those about the child, not the return as a whole), each with where it is put right. */
export function childFindings(findings: readonly Finding[], sources: CensusSources | undefined): ChildFinding[] {
  if (!sources) return [];
  return findings
    .filter((f) => f.row !== null)
    .map((f) => ({ rule: f.rule, message: f.message, fields: f.fields.join(', '), fix: fixFor(f, sources) }));
}
