/**
 * Reads DfE's CIN census XML schemas (xsd/CIN_schema_<year>.xsd, as DfE publishes them)
 * into plain data: the element tree in schema order, and every enumeration (the CIN
 * code lists) with DfE's label for each code.
 *
 * Run `npx tsx src/returns/cin/schema/extract.ts` after adding a year's schema: it
 * rewrites cin-schemas.json, which the reader, the writer and the rules use. A test
 * checks that the committed JSON is what this produces from the committed schemas.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { CinSchema, CinSchemas, ElementDecl, SimpleTypeDecl } from './types.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['element', 'enumeration', 'complexType', 'simpleType', 'pattern'].includes(name),
});

function list(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return '';
}

function occurs(value: unknown, fallback: number): number | 'unbounded' {
  if (value === undefined) return fallback;
  return value === 'unbounded' ? 'unbounded' : Number(value);
}

function simpleTypeFrom(node: Node): SimpleTypeDecl {
  const restriction = node['restriction'] as Node;
  const enumeration = list(restriction['enumeration']).map((e) => {
    const annotation = e['annotation'] as Node | undefined;
    return { code: String(e['@value']), label: annotation ? text(annotation['documentation']) : '' };
  });
  const pattern = list(restriction['pattern'])[0];
  const minLength = restriction['minLength'] as Node | undefined;
  const minInclusive = restriction['minInclusive'] as Node | undefined;
  const decl: SimpleTypeDecl = { base: String(restriction['@base']) };
  if (enumeration.length) decl.enumeration = enumeration;
  if (pattern) decl.pattern = String(pattern['@value']);
  if (minLength) decl.minLength = Number(minLength['@value']);
  if (minInclusive) decl.minInclusive = Number(minInclusive['@value']);
  return decl;
}

/** One schema file as data. */
export function extractSchema(xsd: string, source: string): CinSchema {
  const root = parser.parse(xsd)['schema'] as Node;
  const complexTypes = new Map(list(root['complexType']).map((t) => [String(t['@name']), t]));
  const simpleTypes: Record<string, SimpleTypeDecl> = {};
  for (const t of list(root['simpleType'])) simpleTypes[String(t['@name'])] = simpleTypeFrom(t);

  const inlineCount = new Map<string, number>();
  function elementFrom(node: Node): ElementDecl {
    const name = String(node['@name']);
    const base = { name, minOccurs: occurs(node['@minOccurs'], 1) as number, maxOccurs: occurs(node['@maxOccurs'], 1) };
    const typeName = node['@type'] as string | undefined;
    if (typeName !== undefined) {
      const complex = complexTypes.get(typeName);
      if (complex) return { ...base, children: sequenceOf(complex) };
      return { ...base, type: typeName };
    }
    const inlineComplex = list(node['complexType'])[0];
    if (inlineComplex) return { ...base, children: sequenceOf(inlineComplex) };
    const inlineSimple = list(node['simpleType'])[0];
    if (inlineSimple) {
      // Anonymous simple types are named after their element so the code lists have a key.
      const key = `${name}${inlineCount.get(name) ? String(inlineCount.get(name)) : ''}`;
      inlineCount.set(name, (inlineCount.get(name) ?? 0) + 1);
      simpleTypes[key] = simpleTypeFrom(inlineSimple);
      return { ...base, type: key };
    }
    return { ...base, type: 'xs:string' };
  }
  function sequenceOf(complex: Node): ElementDecl[] {
    const sequence = complex['sequence'] as Node | undefined;
    return sequence ? list(sequence['element']).map(elementFrom) : [];
  }

  const message = list(root['element']).find((e) => e['@name'] === 'Message');
  if (!message) throw new Error(`${source}: no Message element`);
  return { source, message: elementFrom(message), simpleTypes };
}

/** Every CIN_schema_<year>.xsd in a folder, keyed by collection year. */
export function extractSchemas(folder: URL): CinSchemas {
  const schemas: CinSchemas = {};
  for (const file of readdirSync(folder).sort()) {
    const m = /^CIN_schema_(\d{4})\.xsd$/.exec(file);
    if (!m) continue;
    schemas[m[1]!] = extractSchema(readFileSync(new URL(file, folder), 'utf8'), file);
  }
  return schemas;
}

export const XSD_FOLDER = new URL('./xsd/', import.meta.url);
export const SCHEMAS_JSON = new URL('./cin-schemas.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMAS_JSON, `${JSON.stringify(extractSchemas(XSD_FOLDER), null, 1)}\n`);
  console.log(`wrote ${SCHEMAS_JSON.pathname}`);
}
