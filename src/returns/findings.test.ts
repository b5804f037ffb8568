import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Finding, FindingStore } from './findings.js';

/** The order reports list 903 findings in, as a sort of the finding objects. */
function byPlace(a: Finding, b: Finding): number {
  if (a.table !== b.table) return a.table < b.table ? -1 : 1;
  if (a.row !== b.row) return (a.row ?? 0) - (b.row ?? 0);
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

const FIELDS = [['CHILD'], ['DECOM', 'RNE'], []];
const finding = fc.record({
  rule: fc.constantFrom('101', '1001', '103', '503A', '503B', 'INT01', 'SW01aSTG1', '8640'),
  table: fc.constantFrom('Header', 'Episodes', 'Episodes_last', 'Header_last', 'UASC', 'Assessments'),
  row: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null, freq: 8 }),
  childId: fc.option(fc.constantFrom('C1', 'C2', 'A, "quoted"'), { nil: null }),
  // the same fields as a shared array or as an equal copy, as rules may give either
  fields: fc.tuple(fc.nat(FIELDS.length - 1), fc.boolean()).map(([k, copy]) => (copy ? [...FIELDS[k]!] : FIELDS[k]!)),
  message: fc.constantFrom('A message.', 'Another, "quoted" message.'),
});

describe('the finding store', () => {
  it('gives findings back in table, row and rule order, ties in the order added: as sorting the objects would', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 300 }), (findings) => {
        const store = new FindingStore();
        for (const f of findings) store.add(f);
        expect(store.size).toBe(findings.length);
        expect([...store.byPlace()]).toEqual([...findings].sort(byPlace));
        expect([...store.inOrderAdded()]).toEqual(findings);
      }),
    );
  });

  it('keeps what findings of a rule share once, whatever arrays they came with', () => {
    const store = new FindingStore();
    for (let row = 3; row >= 1; row--)
      store.add({ rule: '103', table: 'Header', row, childId: `C${row}`, fields: ['ETHNIC'], message: 'm' });
    const out = [...store.byPlace()];
    expect(out.map((f) => f.row)).toEqual([1, 2, 3]);
    expect(out[0]!.fields).toBe(out[2]!.fields);
  });
});
