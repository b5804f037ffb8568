/** The shape of a CIN census XML schema once read into data (see extract.ts). */

export interface Code {
  readonly code: string;
  /** DfE's description of the code, from the schema's annotation. */
  readonly label: string;
}

export interface SimpleTypeDecl {
  /** xs:string, xs:date, xs:integer, or another simple type's name. */
  base: string;
  enumeration?: Code[];
  pattern?: string;
  minLength?: number;
  minInclusive?: number;
}

export interface ElementDecl {
  name: string;
  minOccurs: number;
  maxOccurs: number | 'unbounded';
  /** Simple content: an xs: type or the name of a simple type in `simpleTypes`. */
  type?: string;
  /** Element content, in the order the schema's sequence requires. */
  children?: ElementDecl[];
}

export interface CinSchema {
  /** The schema file this was read from. */
  source: string;
  message: ElementDecl;
  simpleTypes: Record<string, SimpleTypeDecl>;
}

/** Keyed by collection year ("2023" … "2026"). */
export type CinSchemas = Record<string, CinSchema>;
