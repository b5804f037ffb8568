import { describe, expect, it } from 'vitest';
import { ReturnReadError } from '../findings.js';
import { madeUpPlaces } from './made-up-places.js';
import { generate903 } from './generate.js';
import { reference903From } from '../reference-data.js';
import { parse903 } from './read.js';
import { validate903 } from './validate.js';
import { validate903InTwo, workerShare } from './validate-in-two.js';
import { tableToCsv } from './write.js';

describe('validating on two threads', () => {
  it('splits the rules between the threads, each rule once', () => {
    const codes = ['101', '102', '103', '104', '105'];
    const { here, there } = workerShare(codes);
    expect([...here, ...there].sort()).toEqual(codes);
    expect(here.filter((c) => there.includes(c))).toEqual([]);
  });

  it('finds what one thread finds, in the same order, with reference data', async () => {
    const places = madeUpPlaces({ localAuthority: 'E09000027', seed: 5 });
    const generated = generate903({ children: 300, year: 2026, seed: 5, errors: { rate: 0.2 }, postcodes: places.pool });
    const files = (tables: typeof generated.current) => Object.values(tables).map((t) => ({ name: `${t!.name}.csv`, content: tableToCsv(t!) }));
    const reference = { localAuthority: 'E09000027', postcodes: { name: 'postcodes.csv', content: places.csv } };
    const input = { current: files(generated.current), previous: files(generated.previous), year: 2026, reference };
    const one = validate903(parse903({ ...input, reference: reference903From(reference) }));
    const two = await validate903InTwo(input, { minBytes: 0 });
    expect(one.length).toBeGreaterThan(50);
    expect(new Set(one.map((f) => f.rule)).size).toBeGreaterThan(20);
    expect(two.findings).toEqual(one);
    expect(two.ret.collectionYear).toBe(2026);
  });

  it('reports a file it cannot read as one thread does', async () => {
    const input = { current: [{ name: 'header.csv', content: '' }], previous: [], reference: {} };
    await expect(validate903InTwo(input, { minBytes: 0 })).rejects.toThrow(ReturnReadError);
  });
});
