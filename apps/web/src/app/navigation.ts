import type { Role } from '@onex/shared';

/** The pages of the signed-in area, and which roles may use each: the one table the menu and the route guard read. */
export type NavKey = 'home' | 'accounts' | 'audit' | 'apiTokens';

export interface NavItem {
  key: NavKey;
  path: string;
  /** i18n key of the menu label. */
  labelKey: `menu.${NavKey}`;
  /** Roles that see the item; `'all'` for every signed-in role. */
  roles: readonly Role[] | 'all';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', labelKey: 'menu.home', roles: 'all' },
  { key: 'accounts', path: '/accounts', labelKey: 'menu.accounts', roles: ['national_admin', 'province_admin', 'school_admin'] },
  {
    key: 'audit',
    path: '/audit',
    labelKey: 'menu.audit',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'],
  },
  { key: 'apiTokens', path: '/api-tokens', labelKey: 'menu.apiTokens', roles: ['org_admin'] },
];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

export function canUse(role: Role, key: NavKey): boolean {
  const { roles } = navItem(key);
  return roles === 'all' || roles.includes(role);
}

/** The menu of a role, in display order. */
export function menuFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles === 'all' || i.roles.includes(role));
}

/** The menu key to highlight for a location path (`/accounts/x` → accounts). */
export function selectedNavKey(pathname: string): NavKey | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const match = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
