import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { pageTrail } from '../app/navigation';
import { useSession } from '../lib/session';

/**
 * Names the page in the browser tab: `<page> - 1+X 证书信息管理服务平台`, from the navigation table (the signed-in
 * user's items, or the public pages without a session); any other page the bare title (the login page, login.html,
 * names itself).
 */
export function PageTitle() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const { user, loading } = useSession();
  const role = loading ? undefined : (user?.role ?? null);
  useEffect(() => {
    const trail = role === undefined ? undefined : pageTrail(pathname, role);
    const page = trail ? t(trail.item.labelKey) : undefined;
    document.title = page ? `${page} - ${t('app.title')}` : t('app.title');
  }, [pathname, role, t, i18n.language]);
  return null;
}
