/** The Children in Need census: read, write, generate and validate DfE's XML message. */
export * from './model.js';
export { type ReadOptions, readCin } from './read.js';
export { type WriteOptions, writeCin, writeCinChunks } from './write.js';
export { type GenerateOptions, type GeneratedCin, generateCin } from './generate.js';
export { type SeededError, SEEDABLE_RULES } from './seed-errors.js';
export { type ValidateOptions, CIN_RULES, cinRulesFor, validateCin } from './validate.js';
export { type CinRule } from './rules/rule.js';
export { type CinCodeLists, type CinYearSchema, cinSchema, cinYearSchema } from './schema/index.js';
export { schemaProblems } from './schema/conformance.js';
