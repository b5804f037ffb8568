import type { SignedInUser } from '../auth/users.js';

interface NavItem {
  href: string;
  text: string;
  active?: boolean;
}

const menus: Record<SignedInUser['role'], NavItem[]> = {
  practitioner: [
    { href: '/my-work', text: 'My work' },
    { href: '/front-door', text: 'Front door' },
    { href: '/children', text: 'Find a child' },
  ],
  team_manager: [
    { href: '/my-team', text: 'My team' },
    { href: '/my-work', text: 'My work' },
    { href: '/front-door', text: 'Front door' },
    { href: '/children', text: 'Find a child' },
  ],
  service_manager: [
    { href: '/authority', text: 'Authority' },
    { href: '/front-door', text: 'Front door' },
    { href: '/children', text: 'Find a child' },
    { href: '/returns', text: 'Returns' },
  ],
  administrator: [
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/workforce', text: 'Teams and workers' },
    { href: '/admin/policy', text: 'Local policy' },
    { href: '/admin/api-tokens', text: 'API tokens' },
    { href: '/returns', text: 'Returns' },
  ],
};

export function homeFor(user: SignedInUser): string {
  return menus[user.role][0]!.href;
}

export function navigationFor(user: SignedInUser | null, url: string): NavItem[] {
  if (!user) return [];
  const items = [...menus[user.role], { href: '/timescales', text: 'Timescales' }];
  return items.map((item) => ({ ...item, active: url === item.href || url.startsWith(`${item.href}/`) || url.startsWith(`${item.href}?`) }));
}
