import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { rows } from '../db/database.js';
import { choice, optionalUuidField, text } from '../http/forms.js';
import { apiTokens, apiTokenRoles } from './schema.js';
import { hashToken, LAST_SEEN_PRECISION_MS, newToken } from './sessions.js';
import type { SignedInUser } from './users.js';
import { isUuid } from '../ids.js';
import { roles } from './roles.js';

/**
 * API tokens for integrations. A token acts as a principal of its own, with a role (and a team
 * where the role needs one), through the same route() wrapper as a person: the same roles, the
 * same access to children, the same audit trail, where it is named `api-token:<name>`. The
 * token is 256 random bits, so a SHA-256 hash is enough to store (argon2 is for passwords
 * people choose); it is shown once, when created.
 */
const TOKEN_PREFIX = 'ocsc_';

/** A token for one of these roles acts for a team, as its users do. */
const teamRoles: readonly string[] = roles.caseholders;

export const newApiTokenSchema = z
  .object({
    name: text('Name', { max: 60 }).refine((v) => /^[a-z0-9][a-z0-9._-]*$/i.test(v), {
      message: 'Name must be letters, numbers, dots, dashes or underscores',
    }),
    role: choice('Role', apiTokenRoles),
    teamId: optionalUuidField('Team'),
  })
  .superRefine((v, ctx) => {
    if (teamRoles.includes(v.role) && !v.teamId) {
      ctx.addIssue({
        code: 'custom',
        path: ['teamId'],
        message: 'Select the team: a practitioner or team manager token sees its team’s children',
      });
    }
  });

export function principalName(tokenName: string): string {
  return `api-token:${tokenName}`;
}

export async function apiTokenNameTaken(db: Db, name: string): Promise<boolean> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from api_tokens where lower(name) = ${name.toLowerCase()}`);
  return (row?.n ?? 0) > 0;
}

export async function createApiToken(
  db: Db,
  input: z.output<typeof newApiTokenSchema>,
  by: { userId: string; now: Date },
): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      tokenHash: hashToken(token),
      role: input.role,
      // a service manager's token sees every child: a team would mean nothing
      teamId: teamRoles.includes(input.role) ? (input.teamId ?? null) : null,
      createdBy: by.userId,
      createdAt: by.now,
    })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

export function listApiTokens(db: Db) {
  return rows<{
    id: string;
    name: string;
    role: string;
    teamName: string | null;
    createdBy: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }>(
    db,
    sql`select k.id, k.name, k.role, t.name as "teamName", u.username as "createdBy", k.created_at as "createdAt",
               k.last_used_at as "lastUsedAt", k.revoked_at as "revokedAt"
          from api_tokens k join users u on u.id = k.created_by left join teams t on t.id = k.team_id
         order by k.revoked_at is not null, k.name`,
  );
}

/** True when the token was live and is now revoked. */
export async function revokeApiToken(db: Db, id: string, by: { userId: string; now: Date }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: by.now, revokedBy: by.userId })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/** The principal a live token acts as, or null for an unknown or revoked one. */
export async function apiTokenPrincipal(db: Db, token: string, now: Date): Promise<SignedInUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await rows<{
    id: string;
    name: string;
    role: SignedInUser['role'];
    teamId: string | null;
    teamName: string | null;
    lastUsedAt: Date | null;
  }>(
    db,
    sql`select k.id, k.name, k.role, k.team_id as "teamId", t.name as "teamName", k.last_used_at as "lastUsedAt"
          from api_tokens k left join teams t on t.id = k.team_id
         where k.token_hash = ${hashToken(token)} and k.revoked_at is null`,
  );
  if (!row) return null;
  // written at most once a minute, as a session's last seen is
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() >= LAST_SEEN_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    id: row.id,
    username: principalName(row.name),
    displayName: row.name,
    role: row.role,
    workerId: null,
    teamId: row.teamId,
    teamName: row.teamName,
    demo: false,
  };
}
