import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.js';

/** The child as every page about them heads it, and as the details form edits it. */
export interface ChildSummary {
  id: string;
  reference: number;
  firstName: string;
  lastName: string;
  otherNames: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  sex: string;
  gender: string | null;
  ethnicity: string;
  nhsNumber: string | null;
  upn: string | null;
  language: string | null;
  restricted: boolean;
  version: number;
}

export async function childSummary(db: Db, childId: string): Promise<ChildSummary | null> {
  const [child] = await rows<ChildSummary>(
    db,
    sql`select id, reference::int as reference, first_name as "firstName", last_name as "lastName", other_names as "otherNames",
               date_of_birth::text as "dateOfBirth", expected_date_of_birth::text as "expectedDateOfBirth", sex, gender,
               ethnicity, nhs_number as "nhsNumber", upn, language, restricted, version
          from children where id = ${childId}`,
  );
  return child ?? null;
}
