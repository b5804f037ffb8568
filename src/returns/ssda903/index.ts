/** The SSDA903 (children looked after) return: read, validate and write (generators and comparison tools: tooling/). */
export type { PostcodePlace, Provider, ReadNotice, Reference903, Return903, Row, Table903, TableName, Tables903 } from './model.js';
export { TABLE_NAMES } from './model.js';
export { parse903, read903, readTable, type File903, type Read903Input } from './read.js';
export { FILE_NAMES, tableToCsv, write903 } from './write.js';
export { validate903, type Validate903Options } from './validate.js';
export { defineRule, type Rule903 } from './rule.js';
export { rules903, rules903For } from './rules/index.js';
export { columnsFor, schemaFor, tablesFor, FIRST_YEAR, LATEST_YEAR } from './tables.js';
export { collectionEnd, collectionStart, formatDate, parseDate, type Day } from './values.js';
