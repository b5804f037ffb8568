/** `opencsc audit verify` (declared in main.ts, which loads this file when it runs). */
import { loadConfig } from '../core/config.js';
import { verifyAuditChain } from '../core/audit/verify.js';
import { openConfiguredDatabase } from './open.js';

export async function verifyCommand(): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  const result = await verifyAuditChain(database.db);
  await database.close();
  if (!result.broken) {
    console.log(`The audit trail is intact: ${result.rows} rows, each chained to the one before`);
    return;
  }
  const b = result.broken;
  console.log(
    `The audit trail is broken at row ${b.id} (${b.action}, ${b.at}): its hash does not follow from the row before it, so this row or the one before it was changed or removed. ${result.rows} rows before it are intact.`,
  );
  process.exitCode = 1;
}
