/**
 * Checks a CIN census message against the year's schema structure: every element where
 * the schema's sequence puts it, as often as it allows, and every value of its simple
 * type (code lists, patterns, dates). Enough of XML Schema for DfE's CIN schemas, which
 * use sequences, occurrence bounds and restricted simple types only.
 */
import { XMLParser } from 'fast-xml-parser';
import { isRealDate } from '../dates.js';
import type { CinSchema, ElementDecl, SimpleTypeDecl } from './types.js';

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function nameOf(node: OrderedNode): string | null {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return null;
}

function textOf(children: OrderedNode[]): string {
  return children.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');
}

function checkSimple(value: string, type: string, schema: CinSchema, path: string, problems: string[]): void {
  switch (type) {
    case 'xs:string':
      return;
    case 'xs:date':
      if (!isRealDate(value)) problems.push(`${path}: "${value}" is not an xs:date`);
      return;
    case 'xs:gYear':
      if (!/^\d{4}$/.test(value)) problems.push(`${path}: "${value}" is not an xs:gYear`);
      return;
    case 'xs:dateTime':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value))
        problems.push(`${path}: "${value}" is not an xs:dateTime`);
      return;
    case 'xs:integer':
      if (!/^[+-]?\d+$/.test(value)) problems.push(`${path}: "${value}" is not an xs:integer`);
      return;
  }
  const decl: SimpleTypeDecl | undefined = schema.simpleTypes[type];
  if (!decl) {
    problems.push(`${path}: the schema has no type ${type}`);
    return;
  }
  checkSimple(value, decl.base, schema, path, problems);
  if (decl.enumeration && !decl.enumeration.some((e) => e.code === value)) problems.push(`${path}: "${value}" is not in ${type}`);
  if (decl.pattern && !new RegExp(`^(?:${decl.pattern})$`).test(value)) problems.push(`${path}: "${value}" does not match ${decl.pattern}`);
  if (decl.minLength !== undefined && value.length < decl.minLength) problems.push(`${path}: shorter than ${decl.minLength}`);
  if (decl.minInclusive !== undefined && !(Number(value) >= decl.minInclusive)) problems.push(`${path}: below ${decl.minInclusive}`);
}

function checkElement(nodeChildren: OrderedNode[], decl: ElementDecl, schema: CinSchema, path: string, problems: string[]): void {
  if (!decl.children) {
    if (nodeChildren.some((c) => nameOf(c) !== '#text')) problems.push(`${path}: holds elements where the schema expects a value`);
    checkSimple(textOf(nodeChildren), decl.type ?? 'xs:string', schema, path, problems);
    return;
  }
  const elements = nodeChildren.filter((c) => nameOf(c) !== '#text');
  if (elements.length !== nodeChildren.length) problems.push(`${path}: holds text where the schema expects elements`);
  let i = 0;
  for (const child of decl.children) {
    let count = 0;
    while (i < elements.length && nameOf(elements[i]!) === child.name) {
      count++;
      checkElement(elements[i]![child.name] as OrderedNode[], child, schema, `${path}/${child.name}[${count}]`, problems);
      i++;
    }
    if (count < child.minOccurs) problems.push(`${path}: <${child.name}> missing (needed at least ${child.minOccurs})`);
    if (child.maxOccurs !== 'unbounded' && count > child.maxOccurs)
      problems.push(`${path}: <${child.name}> ${count} times (at most ${child.maxOccurs})`);
  }
  if (i < elements.length)
    problems.push(`${path}: <${nameOf(elements[i]!)}> is not allowed here (out of the schema's order, or not in it)`);
}

/** Where an XML message departs from the schema; empty when it conforms. */
export function schemaProblems(xml: string, schema: CinSchema): string[] {
  const doc = parser.parse(xml) as OrderedNode[];
  const roots = doc.filter((n) => nameOf(n) !== '#text');
  const problems: string[] = [];
  if (roots.length !== 1 || nameOf(roots[0]!) !== schema.message.name) {
    return [`the root element must be <${schema.message.name}>`];
  }
  checkElement(roots[0]![schema.message.name] as OrderedNode[], schema.message, schema, schema.message.name, problems);
  return problems;
}
