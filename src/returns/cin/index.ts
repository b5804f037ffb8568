/** The Children in Need census: read, write and validate DfE's XML message (generators and comparison tools: tooling/). */
export * from './model.js';
export { type ReadOptions, readCin } from './read.js';
export { type WriteOptions, writeCin, writeCinChunks } from './write.js';
export { type ValidateOptions, validateCin } from './validate.js';
export { rulesCin, rulesCinFor } from './rules/index.js';
export { type CinRule } from './rules/rule.js';
export { type CinCodeLists, type CinYearSchema, cinSchema, cinYearSchema } from './schema/index.js';
export { schemaProblems } from './schema/conformance.js';
