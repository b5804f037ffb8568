/** Rules about the message header. */
import { censusPeriod } from '../model.js';
import { returnRule } from './rule.js';

/** 100: the header's ReferenceDate must be 31 March of the collection year. */
export const rule100 = returnRule('100', (ret, _children, ctx) => {
  return ret.header?.CollectionDetails?.ReferenceDate !== censusPeriod(ctx.year).end;
});

export const headerRules = [rule100];
