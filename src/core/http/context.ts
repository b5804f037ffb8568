import type nunjucks from 'nunjucks';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import type { TimeSource } from '../time.js';

/** What every area's routes are built with: passed in, never imported as a global. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  time: TimeSource;
  views: nunjucks.Environment;
}
