import { describe, expect, it } from 'vitest';
import { defaultSettings, policySettings } from './catalogue.js';
import { createLocalPolicy, outsideRange } from './policy.js';

describe('local policy', () => {
  it('gives the default until a change takes effect, then the change, from its date on', () => {
    const policy = createLocalPolicy(
      [
        { key: 'cpVisits.intervalWorkingDays', value: 15, effectiveFrom: '2026-01-01' },
        { key: 'cpVisits.intervalWorkingDays', value: 5, effectiveFrom: '2025-04-01' },
      ],
      policySettings,
    );
    expect(policy.number('cpVisits.intervalWorkingDays', '2025-03-31')).toBe(10);
    expect(policy.number('cpVisits.intervalWorkingDays', '2025-04-01')).toBe(5);
    expect(policy.number('cpVisits.intervalWorkingDays', '2025-12-31T23:30:00Z')).toBe(5);
    expect(policy.number('cpVisits.intervalWorkingDays', '2026-01-01')).toBe(15);
  });

  it('reads a datetime by its UK date', () => {
    const policy = createLocalPolicy([{ key: 'coreGroup.intervalWeeks', value: 4, effectiveFrom: '2025-06-03' }], policySettings);
    expect(policy.number('coreGroup.intervalWeeks', '2025-06-02T23:30:00Z')).toBe(4);
  });

  it('when two changes share a date, the later one in the list wins', () => {
    const policy = createLocalPolicy(
      [
        { key: 'coreGroup.intervalWeeks', value: 4, effectiveFrom: '2025-06-01' },
        { key: 'coreGroup.intervalWeeks', value: 3, effectiveFrom: '2025-06-01' },
      ],
      policySettings,
    );
    expect(policy.number('coreGroup.intervalWeeks', '2025-07-01')).toBe(3);
  });

  it('refuses unknown settings, wrong types, fractions, bad dates and values outside a choice', () => {
    expect(() => createLocalPolicy([{ key: 'visits.whenever', value: 1, effectiveFrom: '2025-01-01' }], policySettings)).toThrow(/Unknown/);
    expect(() => createLocalPolicy([{ key: 'coreGroup.intervalWeeks', value: '6', effectiveFrom: '2025-01-01' }], policySettings)).toThrow(
      /number/,
    );
    expect(() => createLocalPolicy([{ key: 'coreGroup.intervalWeeks', value: 1.5, effectiveFrom: '2025-01-01' }], policySettings)).toThrow(
      /whole/,
    );
    expect(() => createLocalPolicy([{ key: 'coreGroup.intervalWeeks', value: 6, effectiveFrom: '1/1/2025' }], policySettings)).toThrow(
      /date/,
    );
    expect(() =>
      createLocalPolicy([{ key: 'personalAdviser.contactInterval', value: 'weekly', effectiveFrom: '2025-01-01' }], policySettings),
    ).toThrow(/one of/);
    expect(() => createLocalPolicy([], policySettings).value('nope', '2025-01-01')).toThrow(/Unknown/);
  });

  it('works with settings given directly, not only the catalogue’s', () => {
    const policy = createLocalPolicy(
      [{ key: 'x', value: true, effectiveFrom: '2025-01-01' }],
      [{ key: 'x', label: 'X', unit: 'yes/no', default: false, standing: 'local practice', statutoryPosition: 'None.' }],
    );
    expect([policy.boolean('x', '2024-12-31'), policy.boolean('x', '2025-01-01')]).toEqual([false, true]);
  });

  it('every catalogue default is a valid value for its own setting', () => {
    const defaults = defaultSettings();
    const changes = policySettings.map((s) => ({ key: s.key, value: defaults[s.key]!, effectiveFrom: '2025-01-01' }));
    expect(() => createLocalPolicy(changes, policySettings)).not.toThrow();
    expect(new Set(policySettings.map((s) => s.key)).size).toBe(policySettings.length);
  });

  it('gives every number setting a range, with its reason, that holds its default', () => {
    for (const s of policySettings.filter((s) => typeof s.default === 'number')) {
      expect(s.range, s.key).toBeDefined();
      expect(s.range!.why.length, s.key).toBeGreaterThan(20);
      expect(outsideRange(s, s.default), s.key).toBeNull();
    }
  });

  it('names the range and why when a value falls outside it', () => {
    const setting = policySettings.find((s) => s.key === 'cpVisits.intervalWorkingDays')!;
    expect(outsideRange(setting, 20)).toBeNull();
    expect(outsideRange(setting, 9999)).toMatch(/^must be between 1 and 20 working days: no statute sets it/);
    expect(outsideRange(setting, 0)).toMatch(/between 1 and 20/);
  });
});
