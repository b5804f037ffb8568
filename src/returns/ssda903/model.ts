/**
 * The SSDA903 return (children looked after) as the validator sees it: a set of
 * tables, each the rows of one CSV file, by the names the DfE rules use.
 */

/** The 903 tables, named as in the DfE validation rules ("tables" column). */
export type TableName =
  'Header' | 'Episodes' | 'Reviews' | 'UASC' | 'OC2' | 'OC3' | 'AD1' | 'PlacedAdoption' | 'PrevPerm' | 'Missing' | 'SWEpisodes' | 'DoLo';

export const TABLE_NAMES: readonly TableName[] = [
  'Header',
  'Episodes',
  'Reviews',
  'UASC',
  'OC2',
  'OC3',
  'AD1',
  'PlacedAdoption',
  'PrevPerm',
  'Missing',
  'SWEpisodes',
  'DoLo',
];

/**
 * One row: the file's cells by DfE column name (upper case), trimmed; blank cells
 * are null. Values stay as written (dates as dd/mm/yyyy): rules decide how to read them.
 */
export type Row = Readonly<Record<string, string | null>>;

export interface Table903 {
  name: TableName;
  /** Where the rows came from (a path, or a label for rows built in memory). */
  file: string;
  /** Rows in file order: a finding's row number is the index + 1. */
  rows: Row[];
  /** 1-based line in the file of each row, when read from a file (blank lines make these differ from row + 1). */
  lines?: number[];
}

export type Tables903 = Partial<Record<TableName, Table903>>;

/** A postcode's place, from a postcode directory (e.g. the ONS Postcode Directory). */
export interface PostcodePlace {
  /** ONS code of the upper-tier local authority the postcode lies in, e.g. "E09000027". */
  laCode: string;
  /** British National Grid easting and northing of the postcode centroid, metres. */
  easting: number;
  northing: number;
}

/** An Ofsted-registered provider, from Ofsted's children's homes / social care providers lists. */
export interface Provider {
  urn: string;
  /** 903 placement types (PLACE) this kind of provider can offer, e.g. ["K2"] for a children's home. */
  placeTypes: string[];
  /** Placement provider codes (PLACE_PROVIDER) that fit its ownership, e.g. ["PR1"] for the authority's own home. */
  providerCodes: string[];
  postcode: string | null;
  /** ONS code of the local authority the provider is in. */
  laCode: string | null;
  /** Registration and closure dates as day numbers (see values.ts), when known. */
  registered: number | null;
  closed: number | null;
}

/** Reference data some rules need; rules that need what is absent are not run. */
export interface Reference903 {
  /** ONS code of the authority making the return, e.g. "E09000027". */
  localAuthority?: string;
  postcodes?: (postcode: string) => PostcodePlace | undefined;
  providers?: (urn: string) => Provider | undefined;
}

/** Something the reader changed or noticed that no DfE rule reports, shown to the user. */
export interface ReadNotice {
  file: string;
  /** 1-based line in the file (the header is line 1), when about one line. */
  line: number | null;
  message: string;
}

export interface Return903 {
  /**
   * The year the collection ends: 2026 for the 2025/26 return, which covers
   * 1 April 2025 to 31 March 2026 (the DfE's own schema files are named this way).
   */
  collectionYear: number;
  current: Tables903;
  /** Last year's tables, for the rules that compare (Header_last, Episodes_last, ...); empty when not given. */
  previous: Tables903;
  reference: Reference903;
  /** What the reader normalised or ignored, for the user to see. Empty for returns built in memory. */
  notices?: ReadNotice[];
}
