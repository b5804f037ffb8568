import type { Db } from '../core/db/database.js';

/**
 * What an area above child protection does, in the conference's own transaction, when a child
 * protection plan starts: children in need ends an open child in need plan, which the child
 * protection plan replaces. A handler refuses (throws a rule error naming the conference's
 * field) when it cannot, and the conference is not recorded.
 */
export type PlanStartHandler = (tx: Db, childId: string, startDate: string) => Promise<void>;

let handlers: readonly PlanStartHandler[] = [];

/** The areas' handlers, given by the composition root (src/areas.ts): child protection imports no area above it. */
export function providePlanStartHandlers(list: readonly PlanStartHandler[]): void {
  handlers = list;
}

export async function childProtectionPlanStarted(tx: Db, childId: string, startDate: string): Promise<void> {
  for (const handler of handlers) await handler(tx, childId, startDate);
}
