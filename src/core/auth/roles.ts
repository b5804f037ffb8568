import type { AccessRole } from './schema.js';

/**
 * The named groups of roles, each defined once: routes declare them (`roles: roles.managers`),
 * templates test them (`user.role in roles.managers`, a Nunjucks global).
 */
export const roles = {
  /** Who works with children's records. */
  practice: ['practitioner', 'team_manager', 'service_manager'],
  /** Who holds a caseload of their own (My work), and whose API tokens act for a team. */
  caseholders: ['practitioner', 'team_manager'],
  /** Who allocates, restricts records and authorises assessments. */
  managers: ['team_manager', 'service_manager'],
  serviceManagers: ['service_manager'],
  /** Who manages allegations against adults who work with children: the designated officer, and service managers. */
  lado: ['designated_officer', 'service_manager'],
  administrators: ['administrator'],
} as const satisfies Record<string, readonly AccessRole[]>;

export function isManager(role: AccessRole): boolean {
  return (roles.managers as readonly AccessRole[]).includes(role);
}
