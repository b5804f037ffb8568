import { formatDate, words } from '../views/nunjucks.js';
import type { listApiTokens } from './api-tokens.js';
import { authPaths } from './paths.js';

type TokenView = Awaited<ReturnType<typeof listApiTokens>>[number];

/** The tokens as table rows: a live token's last cell is its Revoke button. */
export function apiTokenRows(tokens: readonly TokenView[]) {
  return tokens.map((t) => [
    { text: t.name },
    { text: words(t.role) + (t.teamName ? `, ${t.teamName}` : '') },
    { text: `${t.createdBy}, ${formatDate(t.createdAt)}` },
    { text: t.lastUsedAt ? formatDate(t.lastUsedAt) : 'Never' },
    t.revokedAt
      ? { text: `Revoked ${formatDate(t.revokedAt)}` }
      : { forms: [{ action: authPaths.revokeApiToken(t.id), text: 'Revoke', label: `Revoke ${t.name}`, warning: true }] },
  ]);
}

/** The choices of role and team for a new token, with what was chosen kept. */
export function apiTokenChoices(roles: readonly string[], teams: readonly { id: string; name: string }[], values: Record<string, unknown>) {
  return {
    roleItems: roles.map((r) => ({ value: r, text: words(r), checked: values.role === r })),
    teamItems: [{ value: '', text: 'No team' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: values.teamId === t.id }))],
  };
}
