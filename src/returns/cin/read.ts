/**
 * Reads a CIN census XML message into the model.
 *
 * A file that cannot be read at all (empty, not well-formed XML, not a CIN census
 * message, no way to tell its year) raises ReturnReadError naming the file and, where
 * it can, the line. Anything else is read as sent: a wrong code or a broken date stays
 * in the model for the DfE rules to report, and each place the message departs from
 * the year's schema is noted in `source.issues` with its file, line and element.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ReturnReadError } from '../findings.js';
import {
  type Assessment,
  type ChildProtectionPlan,
  type CinChild,
  type CinDetails,
  type CinHeader,
  type CinPlanDates,
  type CinReturn,
  type CinSchemaIssue,
  type CinSource,
  type Section47,
  type Text,
  CIN_YEARS,
  isCinYear,
  type CinSourceInfo,
} from './model.js';
import { type CinYearSchema, cinYearSchema } from './schema/index.js';
import { isRealDate } from './dates.js';

export interface ReadOptions {
  /** The file's name, for messages. */
  file: string;
  /** Collection year; by default the year of the header's ReferenceDate, else its Year. */
  year?: number;
}

const REPEATED = new Set([
  'Source',
  'Child',
  'CINdetails',
  'Assessments',
  'CINPlanDates',
  'Section47',
  'ChildProtectionPlans',
  'Disability',
  'AssessmentFactors',
  'CPPreviewDate',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  commentPropName: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function decode(input: string | Buffer, file: string): string {
  if (typeof input === 'string') {
    if (input.length === 0) throw new ReturnReadError(file, 'the file is empty (0 bytes)');
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.length === 0) throw new ReturnReadError(file, 'the file is empty (0 bytes)');
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input.subarray(2));
  let body = input;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) body = input.subarray(3);
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && declared !== 'us-ascii' && declared !== 'ascii') {
    if (['iso-8859-1', 'latin1', 'windows-1252', 'cp1252', 'iso-8859-15'].includes(declared)) {
      return new TextDecoder(declared === 'latin1' ? 'iso-8859-1' : declared).decode(body);
    }
    throw new ReturnReadError(
      file,
      `the XML declaration names an encoding this reader does not know ("${declared}"); save the file as UTF-8`,
      'line 1',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const loose = new TextDecoder('utf-8').decode(body);
    const at = loose.indexOf('\ufffd');
    throw new ReturnReadError(
      file,
      'the file is not valid UTF-8 text (is it a spreadsheet or another binary file?)',
      at >= 0 ? `line ${lineAt(loose, at)}` : undefined,
    );
  }
}

/** Collects the places where the message departs from the schema. */
class Issues {
  readonly list: CinSchemaIssue[] = [];
  child: number | null = null;
  line: number | null = null;
  childId: string | null = null;
  constructor(private readonly file: string) {}
  add(element: string, problem: string): void {
    const where = [
      this.line !== null ? `line ${this.line}` : null,
      this.child !== null ? `child ${this.child}${this.childId ? ` (LAchildID ${this.childId})` : ''}` : null,
      element,
    ]
      .filter(Boolean)
      .join(', ');
    this.list.push({ child: this.child, line: this.line, element, problem, message: `${this.file} (${where}): ${problem}` });
  }
}

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

class Reader {
  /** Set once the year is known (the header says which). */
  schema!: CinYearSchema;
  constructor(readonly issues: Issues) {}

  /** The element's content as a node; text or a repeated element is noted and made the best of. */
  node(parent: Node, name: string, path: string): Node | null {
    let v = parent[name];
    if (v === undefined) return null;
    if (Array.isArray(v)) {
      if (v.length > 1)
        this.issues.add(`${path}/${name}`, `<${name}> appears ${v.length} times where the schema allows it once; the first is read`);
      v = v[0];
    }
    if (v !== null && typeof v === 'object') return v as Node;
    if (typeof v === 'string' && v !== '')
      this.issues.add(`${path}/${name}`, `<${name}> holds text ${show(v)} where the schema expects elements`);
    return {};
  }

  /** Nodes of a repeated element. */
  nodes(parent: Node, name: string, path: string): Node[] {
    const v = parent[name];
    if (v === undefined) return [];
    const arr = Array.isArray(v) ? v : [v];
    return arr.map((x, i) => {
      if (x !== null && typeof x === 'object') return x as Node;
      if (typeof x === 'string' && x !== '')
        this.issues.add(`${path}/${name}[${i + 1}]`, `<${name}> holds text ${show(x)} where the schema expects elements`);
      return {};
    });
  }

  /** A simple element's text, trimmed; null when absent or empty. */
  text(parent: Node, name: string, path: string): Text {
    let v = parent[name];
    if (v === undefined) return null;
    if (Array.isArray(v)) {
      if (v.length > 1)
        this.issues.add(`${path}/${name}`, `<${name}> appears ${v.length} times where the schema allows it once; the first is read`);
      v = v[0];
    }
    return this.leaf(v, `${path}/${name}`, name);
  }

  /** Texts of a repeated simple element. */
  texts(parent: Node, name: string, path: string): Text[] {
    const v = parent[name];
    if (v === undefined) return [];
    const arr = Array.isArray(v) ? v : [v];
    return arr.map((x, i) => this.leaf(x, `${path}/${name}[${i + 1}]`, name));
  }

  leaf(v: unknown, path: string, name: string): Text {
    if (typeof v === 'string') return v === '' ? null : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v !== null && typeof v === 'object') {
      const inner = (v as Node)['#text'];
      this.issues.add(path, `<${name}> holds elements where the schema expects a value`);
      return typeof inner === 'string' && inner !== '' ? inner : null;
    }
    return null;
  }

  /** Notes elements the schema does not have at this place. */
  unexpected(node: Node, allowed: ReadonlySet<string>, path: string): void {
    for (const key in node) {
      if (allowed.has(key)) continue;
      if (key === '#text') this.issues.add(path, `unexpected text ${show(String(node[key]))}`);
      else this.issues.add(`${path}/${key}`, `<${key}> is not an element of the CIN census schema here`);
    }
  }

  date(value: Text, path: string): void {
    if (value !== null && !isRealDate(value)) this.issues.add(path, `${show(value)} is not a date (YYYY-MM-DD)`);
  }

  code(value: Text, set: ReadonlySet<string>, path: string, what: string): void {
    if (value !== null && !set.has(value)) this.issues.add(path, `${show(value)} is not in the ${this.schema.year} code list for ${what}`);
  }
}

const HEADER_KEYS = new Set(['CollectionDetails', 'Source']);
const COLLECTION_KEYS = new Set(['Collection', 'Year', 'ReferenceDate']);
const SOURCE_KEYS = new Set(['SourceLevel', 'LEA', 'SoftwareCode', 'Release', 'SerialNo', 'DateTime']);
const CHILD_KEYS = new Set(['ChildIdentifiers', 'ChildCharacteristics', 'CINdetails']);
const CHARACTERISTICS_KEYS = new Set(['Ethnicity', 'Disabilities']);
const DETAILS_KEYS = new Set([
  'CINreferralDate',
  'ReferralSource',
  'PrimaryNeedCode',
  'CINclosureDate',
  'ReasonForClosure',
  'DateOfInitialCPC',
  'Assessments',
  'CINPlanDates',
  'Section47',
  'ReferralNFA',
  'ChildProtectionPlans',
]);
const ASSESSMENT_KEYS = new Set([
  'AssessmentActualStartDate',
  'AssessmentInternalReviewDate',
  'AssessmentAuthorisationDate',
  'FactorsIdentifiedAtAssessment',
]);
const PLAN_KEYS = new Set(['CINPlanStartDate', 'CINPlanEndDate']);
const S47_KEYS = new Set(['S47ActualStartDate', 'InitialCPCtarget', 'DateOfInitialCPC', 'ICPCnotRequired']);
const CPP_KEYS = new Set([
  'CPPstartDate',
  'CPPendDate',
  'InitialCategoryOfAbuse',
  'LatestCategoryOfAbuse',
  'NumberOfPreviousCPP',
  'Reviews',
]);
const identifierKeys = (sexElement: string) =>
  new Set(['LAchildID', 'UPN', 'FormerUPN', 'UPNunknown', 'PersonBirthDate', 'ExpectedPersonBirthDate', sexElement, 'PersonDeathDate']);

const UPN = /^[A-Za-z]\d{11}[0-9A-Za-z]$/;

function readHeader(r: Reader, node: Node): CinHeader {
  const rd = r;
  const cdNode = rd.node(node, 'CollectionDetails', 'Header');
  const header: CinHeader = {
    CollectionDetails: cdNode
      ? {
          Collection: rd.text(cdNode, 'Collection', 'Header/CollectionDetails'),
          Year: rd.text(cdNode, 'Year', 'Header/CollectionDetails'),
          ReferenceDate: rd.text(cdNode, 'ReferenceDate', 'Header/CollectionDetails'),
        }
      : null,
    Source: rd.nodes(node, 'Source', 'Header').map((s, i): CinSource => {
      const path = `Header/Source[${i + 1}]`;
      r.unexpected(s, SOURCE_KEYS, path);
      return {
        SourceLevel: rd.text(s, 'SourceLevel', path),
        LEA: rd.text(s, 'LEA', path),
        SoftwareCode: rd.text(s, 'SoftwareCode', path),
        Release: rd.text(s, 'Release', path),
        SerialNo: rd.text(s, 'SerialNo', path),
        DateTime: rd.text(s, 'DateTime', path),
      };
    }),
  };
  {
    r.unexpected(node, HEADER_KEYS, 'Header');
    if (cdNode) r.unexpected(cdNode, COLLECTION_KEYS, 'Header/CollectionDetails');
    const cd = header.CollectionDetails;
    if (cd) {
      if (cd.Collection !== null && cd.Collection !== 'CIN')
        r.issues.add('Header/CollectionDetails/Collection', `${show(cd.Collection)} is not "CIN"`);
      if (cd.Year !== null && !/^\d{4}$/.test(cd.Year)) r.issues.add('Header/CollectionDetails/Year', `${show(cd.Year)} is not a year`);
      r.date(cd.ReferenceDate, 'Header/CollectionDetails/ReferenceDate');
    }
    header.Source.forEach((s, i) => {
      const path = `Header/Source[${i + 1}]`;
      if (s.LEA === null) r.issues.add(`${path}/LEA`, 'the LA number (LEA) is missing');
      else if (!/^\d{3}$/.test(s.LEA)) r.issues.add(`${path}/LEA`, `${show(s.LEA)} is not a three-digit LA number`);
      if (s.SourceLevel !== null && s.SourceLevel !== 'L') r.issues.add(`${path}/SourceLevel`, `${show(s.SourceLevel)} is not "L"`);
    });
  }
  return header;
}

function readChild(r: Reader, node: Node): CinChild {
  const { schema } = r;
  const sets = schema.codeSets;
  const idNode = r.node(node, 'ChildIdentifiers', 'Child');
  const chNode = r.node(node, 'ChildCharacteristics', 'Child');
  r.unexpected(node, CHILD_KEYS, 'Child');
  if (!idNode) r.issues.add('ChildIdentifiers', 'the child has no <ChildIdentifiers>');
  if (!chNode) r.issues.add('ChildCharacteristics', 'the child has no <ChildCharacteristics>');
  const ids = idNode ?? {};
  const P = 'ChildIdentifiers';
  const LAchildID = r.text(ids, 'LAchildID', P);
  r.issues.childId = LAchildID;
  const otherSex = schema.sexElement === 'Sex' ? 'GenderCurrent' : 'Sex';
  let Sex = r.text(ids, schema.sexElement, P);
  const allowedIds = identifierKeys(schema.sexElement);
  if (Sex === null && ids[otherSex] !== undefined) {
    Sex = r.text(ids, otherSex, P);
    r.issues.add(
      `${P}/${otherSex}`,
      `the ${schema.year} schema calls this element <${schema.sexElement}>, not <${otherSex}>; read as ${schema.sexElement}`,
    );
    allowedIds.add(otherSex);
  }
  r.unexpected(ids, allowedIds, P);
  const identifiers = {
    LAchildID,
    UPN: r.text(ids, 'UPN', P),
    FormerUPN: r.text(ids, 'FormerUPN', P),
    UPNunknown: r.text(ids, 'UPNunknown', P),
    PersonBirthDate: r.text(ids, 'PersonBirthDate', P),
    ExpectedPersonBirthDate: r.text(ids, 'ExpectedPersonBirthDate', P),
    Sex,
    PersonDeathDate: r.text(ids, 'PersonDeathDate', P),
  };
  if (idNode && LAchildID === null) r.issues.add(`${P}/LAchildID`, 'LAchildID is missing');
  if (identifiers.UPN !== null && !UPN.test(identifiers.UPN))
    r.issues.add(`${P}/UPN`, `${show(identifiers.UPN)} is not a UPN (a letter, 11 digits, then a digit or letter)`);
  if (identifiers.FormerUPN !== null && !UPN.test(identifiers.FormerUPN))
    r.issues.add(`${P}/FormerUPN`, `${show(identifiers.FormerUPN)} is not a UPN (a letter, 11 digits, then a digit or letter)`);
  r.code(identifiers.UPNunknown, sets.upnUnknown, `${P}/UPNunknown`, 'UPN unknown reason');
  r.date(identifiers.PersonBirthDate, `${P}/PersonBirthDate`);
  r.date(identifiers.ExpectedPersonBirthDate, `${P}/ExpectedPersonBirthDate`);
  r.date(identifiers.PersonDeathDate, `${P}/PersonDeathDate`);
  if (Sex === null) r.issues.add(`${P}/${schema.sexElement}`, `${schema.sexElement} is missing`);
  else r.code(Sex, sets.sex, `${P}/${schema.sexElement}`, schema.sexElement);

  const ch = chNode ?? {};
  const C = 'ChildCharacteristics';
  r.unexpected(ch, CHARACTERISTICS_KEYS, C);
  const disNode = r.node(ch, 'Disabilities', C);
  if (disNode) r.unexpected(disNode, new Set(['Disability']), `${C}/Disabilities`);
  const characteristics = {
    Ethnicity: r.text(ch, 'Ethnicity', C),
    Disabilities: disNode ? r.texts(disNode, 'Disability', `${C}/Disabilities`) : [],
  };
  if (chNode && characteristics.Ethnicity === null) r.issues.add(`${C}/Ethnicity`, 'Ethnicity is missing');
  r.code(characteristics.Ethnicity, sets.ethnicity, `${C}/Ethnicity`, 'Ethnicity');
  characteristics.Disabilities.forEach((d, i) => r.code(d, sets.disability, `${C}/Disabilities/Disability[${i + 1}]`, 'Disability'));

  const detailNodes = r.nodes(node, 'CINdetails', 'Child');
  if (detailNodes.length === 0) r.issues.add('CINdetails', 'the child has no <CINdetails>');
  const cinDetails = detailNodes.map((d, i) => readCinDetails(r, d, `CINdetails[${i + 1}]`));
  return { identifiers, characteristics, cinDetails };
}

function readCinDetails(r: Reader, d: Node, P: string): CinDetails {
  const sets = r.schema.codeSets;
  r.unexpected(d, DETAILS_KEYS, P);
  const e: CinDetails = {
    CINreferralDate: r.text(d, 'CINreferralDate', P),
    ReferralSource: r.text(d, 'ReferralSource', P),
    PrimaryNeedCode: r.text(d, 'PrimaryNeedCode', P),
    CINclosureDate: r.text(d, 'CINclosureDate', P),
    ReasonForClosure: r.text(d, 'ReasonForClosure', P),
    DateOfInitialCPC: r.text(d, 'DateOfInitialCPC', P),
    Assessments: r.nodes(d, 'Assessments', P).map((a, i) => readAssessment(r, a, `${P}/Assessments[${i + 1}]`)),
    CINPlanDates: r.nodes(d, 'CINPlanDates', P).map((p, i) => readPlan(r, p, `${P}/CINPlanDates[${i + 1}]`)),
    Section47: r.nodes(d, 'Section47', P).map((s, i) => readSection47(r, s, `${P}/Section47[${i + 1}]`)),
    ReferralNFA: r.text(d, 'ReferralNFA', P),
    ChildProtectionPlans: r
      .nodes(d, 'ChildProtectionPlans', P)
      .map((p, i) => readProtectionPlan(r, p, `${P}/ChildProtectionPlans[${i + 1}]`)),
  };
  if (e.CINreferralDate === null) r.issues.add(`${P}/CINreferralDate`, 'CINreferralDate is missing');
  r.date(e.CINreferralDate, `${P}/CINreferralDate`);
  if (e.ReferralSource === null) r.issues.add(`${P}/ReferralSource`, 'ReferralSource is missing');
  r.code(e.ReferralSource, sets.referralSource, `${P}/ReferralSource`, 'ReferralSource');
  r.code(e.PrimaryNeedCode, sets.primaryNeed, `${P}/PrimaryNeedCode`, 'PrimaryNeedCode');
  r.date(e.CINclosureDate, `${P}/CINclosureDate`);
  r.code(e.ReasonForClosure, sets.reasonForClosure, `${P}/ReasonForClosure`, 'ReasonForClosure');
  r.date(e.DateOfInitialCPC, `${P}/DateOfInitialCPC`);
  if (e.ReferralNFA === null) r.issues.add(`${P}/ReferralNFA`, 'ReferralNFA is missing');
  r.code(e.ReferralNFA, sets.yesNo, `${P}/ReferralNFA`, 'ReferralNFA (0 or 1)');
  return e;
}

function readAssessment(r: Reader, a: Node, P: string): Assessment {
  r.unexpected(a, ASSESSMENT_KEYS, P);
  const factorsNode = r.node(a, 'FactorsIdentifiedAtAssessment', P);
  if (factorsNode) r.unexpected(factorsNode, new Set(['AssessmentFactors']), `${P}/FactorsIdentifiedAtAssessment`);
  const x: Assessment = {
    AssessmentActualStartDate: r.text(a, 'AssessmentActualStartDate', P),
    AssessmentInternalReviewDate: r.text(a, 'AssessmentInternalReviewDate', P),
    AssessmentAuthorisationDate: r.text(a, 'AssessmentAuthorisationDate', P),
    AssessmentFactors: factorsNode ? r.texts(factorsNode, 'AssessmentFactors', `${P}/FactorsIdentifiedAtAssessment`) : [],
  };
  if (x.AssessmentActualStartDate === null) r.issues.add(`${P}/AssessmentActualStartDate`, 'AssessmentActualStartDate is missing');
  r.date(x.AssessmentActualStartDate, `${P}/AssessmentActualStartDate`);
  r.date(x.AssessmentInternalReviewDate, `${P}/AssessmentInternalReviewDate`);
  r.date(x.AssessmentAuthorisationDate, `${P}/AssessmentAuthorisationDate`);
  x.AssessmentFactors.forEach((f, i) =>
    r.code(f, r.schema.codeSets.assessmentFactors, `${P}/FactorsIdentifiedAtAssessment/AssessmentFactors[${i + 1}]`, 'AssessmentFactors'),
  );
  return x;
}

function readPlan(r: Reader, p: Node, P: string): CinPlanDates {
  r.unexpected(p, PLAN_KEYS, P);
  const x = { CINPlanStartDate: r.text(p, 'CINPlanStartDate', P), CINPlanEndDate: r.text(p, 'CINPlanEndDate', P) };
  if (x.CINPlanStartDate === null) r.issues.add(`${P}/CINPlanStartDate`, 'CINPlanStartDate is missing');
  r.date(x.CINPlanStartDate, `${P}/CINPlanStartDate`);
  r.date(x.CINPlanEndDate, `${P}/CINPlanEndDate`);
  return x;
}

function readSection47(r: Reader, s: Node, P: string): Section47 {
  r.unexpected(s, S47_KEYS, P);
  const x: Section47 = {
    S47ActualStartDate: r.text(s, 'S47ActualStartDate', P),
    InitialCPCtarget: r.text(s, 'InitialCPCtarget', P),
    DateOfInitialCPC: r.text(s, 'DateOfInitialCPC', P),
    ICPCnotRequired: r.text(s, 'ICPCnotRequired', P),
  };
  if (x.S47ActualStartDate === null) r.issues.add(`${P}/S47ActualStartDate`, 'S47ActualStartDate is missing');
  r.date(x.S47ActualStartDate, `${P}/S47ActualStartDate`);
  r.date(x.InitialCPCtarget, `${P}/InitialCPCtarget`);
  r.date(x.DateOfInitialCPC, `${P}/DateOfInitialCPC`);
  if (x.ICPCnotRequired === null) r.issues.add(`${P}/ICPCnotRequired`, 'ICPCnotRequired is missing');
  r.code(x.ICPCnotRequired, r.schema.codeSets.yesNo, `${P}/ICPCnotRequired`, 'ICPCnotRequired (0 or 1)');
  return x;
}

function readProtectionPlan(r: Reader, p: Node, P: string): ChildProtectionPlan {
  r.unexpected(p, CPP_KEYS, P);
  const reviews = r.node(p, 'Reviews', P);
  if (reviews) r.unexpected(reviews, new Set(['CPPreviewDate']), `${P}/Reviews`);
  const x: ChildProtectionPlan = {
    CPPstartDate: r.text(p, 'CPPstartDate', P),
    CPPendDate: r.text(p, 'CPPendDate', P),
    InitialCategoryOfAbuse: r.text(p, 'InitialCategoryOfAbuse', P),
    LatestCategoryOfAbuse: r.text(p, 'LatestCategoryOfAbuse', P),
    NumberOfPreviousCPP: r.text(p, 'NumberOfPreviousCPP', P),
    CPPreviewDate: reviews ? r.texts(reviews, 'CPPreviewDate', `${P}/Reviews`) : [],
  };
  const sets = r.schema.codeSets;
  if (x.CPPstartDate === null) r.issues.add(`${P}/CPPstartDate`, 'CPPstartDate is missing');
  r.date(x.CPPstartDate, `${P}/CPPstartDate`);
  r.date(x.CPPendDate, `${P}/CPPendDate`);
  r.code(x.InitialCategoryOfAbuse, sets.categoryOfAbuse, `${P}/InitialCategoryOfAbuse`, 'category of abuse');
  r.code(x.LatestCategoryOfAbuse, sets.categoryOfAbuse, `${P}/LatestCategoryOfAbuse`, 'category of abuse');
  if (x.NumberOfPreviousCPP !== null && !/^\+?\d+$/.test(x.NumberOfPreviousCPP)) {
    r.issues.add(`${P}/NumberOfPreviousCPP`, `${show(x.NumberOfPreviousCPP)} is not a whole number`);
  }
  x.CPPreviewDate.forEach((d, i) => r.date(d, `${P}/Reviews/CPPreviewDate[${i + 1}]`));
  return x;
}

function yearOf(header: CinHeader | null, opts: ReadOptions): number {
  if (opts.year !== undefined) return opts.year;
  const cd = header?.CollectionDetails;
  const ref = cd?.ReferenceDate;
  if (ref && /^\d{4}-/.test(ref)) return Number(ref.slice(0, 4));
  if (cd?.Year && /^\d{4}$/.test(cd.Year)) return Number(cd.Year);
  throw new ReturnReadError(
    opts.file,
    `cannot tell which collection year this return is for: the header has no ReferenceDate or Year; give the year (${CIN_YEARS.join(', ')})`,
    'Header',
  );
}

/** Line of each <Child> tag, in order. */
function childLines(text: string): number[] {
  const lines: number[] = [];
  const re = /<Child[\s>/]/g;
  let line = 1;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

/** Reads a CIN census message. Raises ReturnReadError when the file cannot be read as one. */
export function readCin(xml: string | Buffer, opts: ReadOptions): CinReturn {
  const { file } = opts;
  const text = decode(xml, file);
  if (text.trim() === '') throw new ReturnReadError(file, 'the file holds no XML, only white space');
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype)
    throw new ReturnReadError(
      file,
      'the file has a DOCTYPE declaration, which a CIN census message never has',
      `line ${lineAt(text, doctype.index)}`,
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const start = text.trimStart();
    const notXml = !start.startsWith('<');
    throw new ReturnReadError(
      file,
      notXml
        ? 'the file is not XML (a CIN census is an XML message starting with <Message>)'
        : `the XML is not well formed (the file may be cut short or edited by hand): ${msg}`,
      `line ${line}, column ${col}`,
    );
  }
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (e) {
    throw new ReturnReadError(file, `the XML could not be read: ${(e as Error).message}`);
  }
  const roots = Object.keys(doc);
  const rootName = roots[0];
  if (rootName === undefined) throw new ReturnReadError(file, 'the file has no root element');
  if (rootName !== 'Message') {
    throw new ReturnReadError(
      file,
      `this is not a CIN census message: its root element is <${rootName}>, where a CIN census has <Message>`,
      'line 1',
    );
  }
  const messageRaw = doc['Message'];
  const message = (messageRaw !== null && typeof messageRaw === 'object' ? messageRaw : {}) as Node;
  if (message['Children'] === undefined) {
    throw new ReturnReadError(file, 'this is not a CIN census message: <Message> has no <Children> element', '<Message>');
  }

  const issues = new Issues(file);
  const reader = new Reader(issues);
  for (const key in message) {
    if (key !== 'Header' && key !== 'Children') reader.unexpected({ [key]: message[key] }, new Set(), 'Message');
  }
  const headerNode = reader.node(message, 'Header', 'Message');
  const header = headerNode === null ? null : readHeader(reader, headerNode);
  const year = yearOf(header, opts);
  if (!isCinYear(year)) {
    throw new ReturnReadError(
      file,
      `collection year ${year} is not one this validator knows (${CIN_YEARS.join(', ')})`,
      'Header/CollectionDetails',
    );
  }
  reader.schema = cinYearSchema(year);

  const childrenNode = reader.node(message, 'Children', 'Message') ?? {};
  reader.unexpected(childrenNode, new Set(['Child']), 'Children');
  const childNodes = reader.nodes(childrenNode, 'Child', 'Children');
  if (childNodes.length === 0) issues.add('Children', 'the message has no <Child> (the schema requires at least one)');
  const lines = childLines(text);
  const linesKnown = lines.length === childNodes.length;
  const children: CinChild[] = new Array(childNodes.length);
  for (let i = 0; i < childNodes.length; i++) {
    issues.child = i + 1;
    issues.line = linesKnown ? lines[i]! : null;
    issues.childId = null;
    children[i] = readChild(reader, childNodes[i]!);
  }
  issues.child = null;
  issues.line = null;
  issues.childId = null;
  return { year, header, children, source: { file, childLines: linesKnown ? lines : [], issues: issues.list } };
}

/**
 * The reader's notes on where the file departs from the schema, as lines for a person: the
 * first `limit` in file order, then how many more, so a damaged file does not bury the findings.
 */
export function schemaIssueNotes(source: CinSourceInfo | undefined, limit = 20): string[] {
  if (!source) return [];
  const notes = source.issues.slice(0, limit).map((i) => i.message);
  const more = source.issues.length - notes.length;
  if (more > 0) notes.push(`and ${more} more place${more === 1 ? '' : 's'} where the file departs from the schema`);
  return notes;
}
