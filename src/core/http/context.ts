import type nunjucks from 'nunjucks';
import type { ChildAccess } from '../auth/access.js';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import type { RecordCache } from '../db/record-cache.js';
import type { TimeSource } from '../time.js';
import type { NavigationEntry } from './navigation.js';

/** What every area's routes are built with: passed in, never imported as a global. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  time: TimeSource;
  views: nunjucks.Environment;
  /** Who may open a child's record: the children area's rule, given by the composition root. */
  childAccess: ChildAccess;
  /** The service navigation, from every area's entries, in the composition root's order. */
  navigation: readonly NavigationEntry[];
  /** Figures and lists kept until the record changes (dashboards opened by many at once). */
  cache: RecordCache;
}
