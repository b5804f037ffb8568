import { describe, expect, it } from 'vitest';
import { apiTokenChoices, apiTokenRows } from './presenters.js';

const base = { teamName: null, createdBy: 'admin', createdAt: new Date('2026-03-02T10:00:00Z'), lastUsedAt: null, revokedAt: null };

describe('API token rows', () => {
  it('end in a Revoke button naming the token, posting to its own address', () => {
    const [row] = apiTokenRows([{ ...base, id: 't1', name: 'education-link', role: 'practitioner' }]);
    expect(row![0]).toEqual({ text: 'education-link' });
    expect(row![3]).toEqual({ text: 'Never' });
    expect(row![4]).toEqual({
      forms: [{ action: '/admin/api-tokens/t1/revoke', text: 'Revoke', label: 'Revoke education-link', warning: true }],
    });
  });

  it('say when a revoked token was revoked, with no button', () => {
    const [row] = apiTokenRows([
      { ...base, id: 't2', name: 'old', role: 'team_manager', teamName: 'North', revokedAt: new Date('2026-04-01T09:00:00Z') },
    ]);
    expect(row![1]).toEqual({ text: 'Team manager, North' });
    expect(row![4]).toEqual({ text: 'Revoked 1 Apr 2026, 10:00' });
  });

  it('keep the role and team chosen when the form comes back with errors', () => {
    const { roleItems, teamItems } = apiTokenChoices(['practitioner', 'team_manager'], [{ id: 'a', name: 'North' }], {
      role: 'team_manager',
      teamId: 'a',
    });
    expect(roleItems.map((r) => r.checked)).toEqual([false, true]);
    expect(teamItems).toEqual([
      { value: '', text: 'No team' },
      { value: 'a', text: 'North', selected: true },
    ]);
  });
});
