import { describe, expect, it } from 'vitest';
import type { Provider } from '../model.js';
import { build903, c1, checkRules, findings, type RowInput } from '../ssda903.test-kit.js';
import { dayOf } from '../values.js';
import { providerRules, rule1008, rule219, rule221, rule224, rule227, rule228, rule229 } from './providers.js';

/** The rules with a passing and a failing case in the first table below. */
const withCases = [rule219, rule221, rule224, rule227, rule228, rule229];

/** A children's home of the authority's own, registered in 2010, in its area. */
const home: Provider = {
  urn: 'SC123456',
  placeTypes: ['K2'],
  providerCodes: ['PR1'],
  postcode: 'TW10 6AA',
  laCode: 'E09000027',
  registered: dayOf(2010, 1, 1),
  closed: null,
};
const placed = (e: RowInput = {}, p: Partial<Provider> = {}) =>
  build903(
    { Header: [c1.header()], Episodes: [c1.episode({ PLACE: 'K2', URN: 'SC123456', ...e })] },
    { reference: { localAuthority: 'E09000027', providers: (urn) => (urn === 'SC123456' ? { ...home, ...p } : undefined) } },
  );

describe('rules checking the Ofsted register', () => {
  checkRules(withCases, {
    '219': {
      why: "a children's home URN on a foster placement",
      fails: placed({ PLACE: 'U4' }),
      flagged: ['Episodes 1'],
      passes: placed(),
    },
    '221': {
      why: "a placement postcode not the home's",
      fails: placed({ PL_POST: 'TW9 9EQ', HOME_POST: 'TW1 1AA' }),
      flagged: ['Episodes 1'],
      passes: placed({ PL_POST: 'tw10 6aa' }),
    },
    '224': {
      why: "a private provider code for the authority's own home",
      fails: placed({ PLACE_PROVIDER: 'PR4' }),
      flagged: ['Episodes 1'],
      passes: placed(),
    },
    '227': {
      why: 'a placement before the home was registered',
      fails: placed({}, { registered: dayOf(2024, 6, 1) }),
      flagged: ['Episodes 1'],
      passes: placed(),
    },
    '228': {
      why: 'a placement open after the home closed',
      fails: placed({}, { closed: dayOf(2025, 12, 31) }),
      flagged: ['Episodes 1'],
      passes: placed({ DEC: '01/12/2025', REC: 'E4A' }, { closed: dayOf(2025, 12, 31) }),
    },
    '229': {
      why: "own provision in another authority's area",
      fails: placed({}, { laCode: 'E08000003' }),
      flagged: ['Episodes 1'],
      passes: placed(),
    },
  });
});

describe('228', () => {
  it('counts an episode whose end cannot be read as open at 31 March', () => {
    const ret = placed({ DEC: '30/02/2025', REC: 'X1' }, { closed: dayOf(2025, 12, 31) });
    expect(
      findings(
        providerRules.find((r) => r.code === '228')!,
        ret,
      ),
    ).toEqual(['Episodes 1']);
  });
});

describe('episodes whose URN is not on the register', () => {
  const unregistered = (e: RowInput = {}) => placed({ URN: 'SC999999', PL_POST: 'TW10 6AA', ...e });
  const flagged = (code: string, ret: ReturnType<typeof placed>) =>
    findings(
      providerRules.find((r) => r.code === code)!,
      ret,
    );

  it('fail the type, postcode, provider and area checks, which compare with the matching entry', () => {
    for (const code of ['219', '221', '224', '229']) expect(flagged(code, unregistered()), code).toEqual(['Episodes 1']);
    // The dates cannot be checked without an entry.
    for (const code of ['227', '228']) expect(flagged(code, unregistered()), code).toEqual([]);
  });

  it('are not checked for the postcode outside homes, secure units and short breaks', () => {
    expect(flagged('221', unregistered({ PLACE: 'U4' }))).toEqual([]);
    expect(flagged('221', unregistered({ LS: 'V3' }))).toEqual([]);
    expect(flagged('221', unregistered({ PL_POST: null }))).toEqual([]);
  });

  it('are not checked when the episode has no URN, or XXXXXXX', () => {
    for (const code of ['219', '221', '224', '229']) {
      expect(flagged(code, placed({ URN: 'XXXXXXX' })), code).toEqual([]);
      expect(flagged(code, placed({ URN: null })), code).toEqual([]);
    }
  });
});

describe('rule 224 and 227 edges', () => {
  it('224 fails a registered URN with no provider code on the episode', () => {
    expect(
      providerRules
        .find((r) => r.code === '224')!
        .validate(placed({ PLACE_PROVIDER: null }))
        .map((f) => f.row),
    ).toEqual([1]);
  });
  it('227 fails an episode starting the day the provider closed', () => {
    const rule = providerRules.find((r) => r.code === '227')!;
    expect(rule.validate(placed({ DECOM: '01/05/2024' }, { closed: dayOf(2024, 5, 1) })).map((f) => f.row)).toEqual([1]);
    expect(rule.validate(placed({ DECOM: '01/05/2024' }, { closed: dayOf(2024, 5, 2) }))).toEqual([]);
  });
});

/** Ofsted's register, as the care leaver rules' cases gave it: one foster provider, URN 1234567. */
const provider = (urn: string): Provider => ({
  urn,
  placeTypes: ['U4'],
  providerCodes: ['PR1'],
  postcode: 'TW10 6AA',
  laCode: 'E09000027',
  registered: null,
  closed: null,
});
const register = { providers: (urn: string) => (urn === '1234567' ? provider(urn) : undefined) };

describe('an episode’s URN is on the register', () => {
  checkRules([rule1008], {
    '1008': {
      why: 'an episode whose URN is not on the register',
      fails: build903({ Header: [c1.header()], Episodes: [c1.episode({ URN: 'SC999999' })] }, { reference: register }),
      flagged: ['Episodes 1'],
      // Placements Ofsted does not register carry XXXXXXX.
      passes: build903(
        {
          Header: [c1.header()],
          Episodes: [c1.episode({ DEC: '01/09/2025', REC: 'X1' }), c1.episode({ DECOM: '01/09/2025', PLACE: 'P1', URN: 'XXXXXXX' })],
        },
        { reference: register },
      ),
    },
  });
});
