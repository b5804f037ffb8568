import type { Db } from '../core/db/database.js';
import type { ObligationView } from '../obligations/queries.js';

/**
 * A part of the child's record page that another area gives (child protection's, say): the
 * children area sits below those areas and imports none of them, so the composition root
 * (src/areas.ts) gives it their sections once, at start.
 */
export interface RecordSection {
  /** The partial that renders it, if it shows more than a button; it reads `section.view`. */
  template?: string;
  /** Where it goes: beside the other areas' sections (the default), or after what is due ('end', the chronology). */
  position?: 'end';
  /** A button beside the record's own ("Record a concern of significant harm"). */
  button?: { text: string; href: string; classes?: string };
  view: unknown;
}

/** What an area gives the record page, from the child's obligations already read, on `today` in England. */
export type RecordSectionSource = (
  db: Db,
  childId: string,
  obligations: readonly ObligationView[],
  today: string,
) => Promise<RecordSection | null>;

let sources: readonly RecordSectionSource[] = [];

/** Called once by the composition root with every area's section. */
export function provideRecordSections(list: readonly RecordSectionSource[]): void {
  sources = list;
}

export async function recordSections(
  db: Db,
  childId: string,
  obligations: readonly ObligationView[],
  today: string,
): Promise<RecordSection[]> {
  const found = await Promise.all(sources.map((source) => source(db, childId, obligations, today)));
  return found.filter((s): s is RecordSection => s !== null);
}
