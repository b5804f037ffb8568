import type { AccessRole } from '../auth/schema.js';
import type { SignedInUser } from '../auth/users.js';

/** A page in the service navigation, given by the area it belongs to. */
export interface NavigationEntry {
  href: string;
  text: string;
  /** The roles it is shown to; every signed-in user when absent, after their role's own pages. */
  roles?: readonly AccessRole[];
}

interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

function entriesFor(entries: readonly NavigationEntry[], user: SignedInUser): NavigationEntry[] {
  return [...entries.filter((e) => e.roles?.includes(user.role)), ...entries.filter((e) => !e.roles)];
}

/** Where a user starts: the first page of their role's navigation. */
export function homeFor(entries: readonly NavigationEntry[], user: SignedInUser): string {
  return entriesFor(entries, user)[0]?.href ?? '/';
}

export function navigationFor(entries: readonly NavigationEntry[], user: SignedInUser | null, url: string): NavItem[] {
  if (!user) return [];
  return entriesFor(entries, user).map(({ href, text }) => ({
    href,
    text,
    active: url === href || url.startsWith(`${href}/`) || url.startsWith(`${href}?`),
  }));
}
