import { describe, expect, it } from 'vitest';
import { milesApart } from '../returns/postcode-directory.js';
import { parsePostcodeDirectory } from '../returns/reference-data.js';
import { milesBetween } from './authority.js';
import { demoPostcodeDirectory } from './postcode-directory.js';

describe('the demo’s made-up postcode directory', () => {
  it('places each demo postcode at its district’s centre, so distances are the ones the demo was built with', () => {
    const csv = demoPostcodeDirectory(['M14 5AB', 'LS1 4AP', 'M13 9PL', 'M14 5AB', 'XX1 1AA']);
    const places = parsePostcodeDirectory(csv, 'demo-postcodes.csv');
    // each once; a postcode in no district of the demo's left out
    expect([...places.keys()].sort()).toEqual(['LS14AP', 'M139PL', 'M145AB']);
    expect(places.get('M145AB')).toEqual({ laCode: 'E08000003', easting: 384000, northing: 394000 });
    expect(places.get('LS14AP')!.laCode).toBe('E08000035');
    const miles = milesApart(places.get('M139PL')!, places.get('LS14AP')!);
    expect(miles).toBeCloseTo(milesBetween('M13 9PL', 'LS1 4AP')!, 6);
    expect(miles).toBeGreaterThan(20);
  });
});
