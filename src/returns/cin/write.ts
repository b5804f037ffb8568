/**
 * Writes a CIN census return as the XML message DfE's schema for its year describes:
 * elements in the schema's order, the year's name for the child's sex (GenderCurrent
 * to 2024, Sex from 2025), optional elements left out when empty, required ones written
 * empty so the gap shows where the schema expects a value.
 */
import type {
  Assessment,
  ChildProtectionPlan,
  CinChild,
  CinDetails,
  CinHeader,
  CinPlanDates,
  CinReturn,
  Section47,
  Text,
} from './model.js';
import { cinYearSchema } from './schema/index.js';

export interface WriteOptions {
  /** Indent per level; '' writes one element per line with no indent. Default two spaces. */
  indent?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeText(value: string): string {
  return /[&<>]/.test(value) ? value.replace(/[&<>]/g, (c) => ESCAPES[c]!) : value;
}

class Out {
  readonly parts: string[] = [];
  constructor(private readonly indent: string) {}
  private pad(depth: number): string {
    return this.indent.repeat(depth);
  }
  open(name: string, depth: number): void {
    this.parts.push(`${this.pad(depth)}<${name}>\n`);
  }
  close(name: string, depth: number): void {
    this.parts.push(`${this.pad(depth)}</${name}>\n`);
  }
  /** Optional element: written only when there is a value. */
  opt(name: string, value: Text, depth: number): void {
    if (value !== null && value !== '') this.parts.push(`${this.pad(depth)}<${name}>${escapeText(value)}</${name}>\n`);
  }
  /** Required element: written empty when there is no value. */
  req(name: string, value: Text, depth: number): void {
    if (value !== null && value !== '') this.parts.push(`${this.pad(depth)}<${name}>${escapeText(value)}</${name}>\n`);
    else this.parts.push(`${this.pad(depth)}<${name}></${name}>\n`);
  }
  take(): string {
    const s = this.parts.join('');
    this.parts.length = 0;
    return s;
  }
}

function writeHeader(out: Out, header: CinHeader): void {
  out.open('Header', 1);
  const cd = header.CollectionDetails;
  if (cd) {
    out.open('CollectionDetails', 2);
    out.opt('Collection', cd.Collection, 3);
    out.opt('Year', cd.Year, 3);
    out.opt('ReferenceDate', cd.ReferenceDate, 3);
    out.close('CollectionDetails', 2);
  }
  for (const s of header.Source) {
    out.open('Source', 2);
    out.opt('SourceLevel', s.SourceLevel, 3);
    out.req('LEA', s.LEA, 3);
    out.opt('SoftwareCode', s.SoftwareCode, 3);
    out.opt('Release', s.Release, 3);
    out.opt('SerialNo', s.SerialNo, 3);
    out.opt('DateTime', s.DateTime, 3);
    out.close('Source', 2);
  }
  out.close('Header', 1);
}

function writeAssessment(out: Out, a: Assessment, d: number): void {
  out.open('Assessments', d);
  out.req('AssessmentActualStartDate', a.AssessmentActualStartDate, d + 1);
  out.opt('AssessmentInternalReviewDate', a.AssessmentInternalReviewDate, d + 1);
  out.opt('AssessmentAuthorisationDate', a.AssessmentAuthorisationDate, d + 1);
  if (a.AssessmentFactors.length) {
    out.open('FactorsIdentifiedAtAssessment', d + 1);
    for (const f of a.AssessmentFactors) out.req('AssessmentFactors', f, d + 2);
    out.close('FactorsIdentifiedAtAssessment', d + 1);
  }
  out.close('Assessments', d);
}

function writePlan(out: Out, p: CinPlanDates, d: number): void {
  out.open('CINPlanDates', d);
  out.req('CINPlanStartDate', p.CINPlanStartDate, d + 1);
  out.opt('CINPlanEndDate', p.CINPlanEndDate, d + 1);
  out.close('CINPlanDates', d);
}

function writeSection47(out: Out, s: Section47, d: number): void {
  out.open('Section47', d);
  out.req('S47ActualStartDate', s.S47ActualStartDate, d + 1);
  out.opt('InitialCPCtarget', s.InitialCPCtarget, d + 1);
  out.opt('DateOfInitialCPC', s.DateOfInitialCPC, d + 1);
  out.req('ICPCnotRequired', s.ICPCnotRequired, d + 1);
  out.close('Section47', d);
}

function writeProtectionPlan(out: Out, p: ChildProtectionPlan, d: number): void {
  out.open('ChildProtectionPlans', d);
  out.req('CPPstartDate', p.CPPstartDate, d + 1);
  out.opt('CPPendDate', p.CPPendDate, d + 1);
  out.req('InitialCategoryOfAbuse', p.InitialCategoryOfAbuse, d + 1);
  out.req('LatestCategoryOfAbuse', p.LatestCategoryOfAbuse, d + 1);
  out.req('NumberOfPreviousCPP', p.NumberOfPreviousCPP, d + 1);
  if (p.CPPreviewDate.length) {
    out.open('Reviews', d + 1);
    for (const r of p.CPPreviewDate) out.req('CPPreviewDate', r, d + 2);
    out.close('Reviews', d + 1);
  }
  out.close('ChildProtectionPlans', d);
}

function writeCinDetails(out: Out, e: CinDetails, d: number): void {
  out.open('CINdetails', d);
  const i = d + 1;
  out.req('CINreferralDate', e.CINreferralDate, i);
  out.req('ReferralSource', e.ReferralSource, i);
  out.opt('PrimaryNeedCode', e.PrimaryNeedCode, i);
  out.opt('CINclosureDate', e.CINclosureDate, i);
  out.opt('ReasonForClosure', e.ReasonForClosure, i);
  out.opt('DateOfInitialCPC', e.DateOfInitialCPC, i);
  for (const a of e.Assessments) writeAssessment(out, a, i);
  for (const p of e.CINPlanDates) writePlan(out, p, i);
  for (const s of e.Section47) writeSection47(out, s, i);
  out.req('ReferralNFA', e.ReferralNFA, i);
  for (const p of e.ChildProtectionPlans) writeProtectionPlan(out, p, i);
  out.close('CINdetails', d);
}

function writeChild(out: Out, c: CinChild, sexElement: string): void {
  out.open('Child', 2);
  const id = c.identifiers;
  out.open('ChildIdentifiers', 3);
  out.req('LAchildID', id.LAchildID, 4);
  out.opt('UPN', id.UPN, 4);
  out.opt('FormerUPN', id.FormerUPN, 4);
  out.opt('UPNunknown', id.UPNunknown, 4);
  out.opt('PersonBirthDate', id.PersonBirthDate, 4);
  out.opt('ExpectedPersonBirthDate', id.ExpectedPersonBirthDate, 4);
  out.req(sexElement, id.Sex, 4);
  out.opt('PersonDeathDate', id.PersonDeathDate, 4);
  out.close('ChildIdentifiers', 3);
  out.open('ChildCharacteristics', 3);
  out.req('Ethnicity', c.characteristics.Ethnicity, 4);
  if (c.characteristics.Disabilities.length) {
    out.open('Disabilities', 4);
    for (const dis of c.characteristics.Disabilities) out.req('Disability', dis, 5);
    out.close('Disabilities', 4);
  }
  out.close('ChildCharacteristics', 3);
  for (const e of c.cinDetails) writeCinDetails(out, e, 3);
  out.close('Child', 2);
}

/**
 * The message in pieces of about `childrenPerChunk` children, for writing a large
 * return to a stream without holding all of it as one string.
 */
export function* writeCinChunks(ret: CinReturn, options: WriteOptions & { childrenPerChunk?: number } = {}): Generator<string> {
  const out = new Out(options.indent ?? '  ');
  const per = options.childrenPerChunk ?? 1000;
  const sexElement = cinYearSchema(ret.year).sexElement;
  out.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n');
  if (ret.header) writeHeader(out, ret.header);
  out.open('Children', 1);
  for (let i = 0; i < ret.children.length; i++) {
    writeChild(out, ret.children[i]!, sexElement);
    if ((i + 1) % per === 0) yield out.take();
  }
  out.close('Children', 1);
  out.parts.push('</Message>\n');
  yield out.take();
}

/** The whole message as one string. */
export function writeCin(ret: CinReturn, options: WriteOptions = {}): string {
  return Array.from(writeCinChunks(ret, { ...options, childrenPerChunk: Number.MAX_SAFE_INTEGER })).join('');
}
