import type { Db } from '../db/database.js';
import type { SignedInUser } from './users.js';

/**
 * Who may open a child's record. The rule is the children area's (src/children/access.ts),
 * which knows restricted records and allocations; the composition root gives it to core
 * (`AppContext.childAccess`), so that every route with `:childId` applies it.
 */
export interface ChildAccess {
  canSee(db: Db, user: SignedInUser, childId: string): Promise<boolean>;
}
