import { Button, Result, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSession } from '../lib/session';
import { goToLogin, type LoginNotice } from '../lib/login-url';
import { useErrorText } from '../lib/useErrorText';
import { Forbidden, NotFound } from '../components/ResultPages';
import { canUse, type NavKey } from './navigation';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Without a session: a full page load of the light login page (login.html), which comes back to `next` afterwards
 * (not after logging out) and shows why the user is there.
 */
function LeaveForLogin({ next, notice }: { next: string | null; notice: LoginNotice | null }) {
  useEffect(() => goToLogin({ next, notice }), [next, notice]);
  return <FullPageSpin />;
}

/** The signed-in area: restores the session first; without one, goes to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, error, retry, notice } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (loading) return <FullPageSpin />;
  if (error && user === undefined) {
    return (
      <Result
        status="500"
        title={t('common.loadFailed')}
        subTitle={errorText(error)}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!user) {
    const next = notice === 'loggedOut' ? null : `${location.pathname}${location.search}${location.hash}`;
    return <LeaveForLogin next={next} notice={notice} />;
  }
  return <>{children}</>;
}

/**
 * The /login route inside the SPA, reached only by a client-side link (e.g. 去登录 after registering): a full page
 * load of the light login page. Shown as 404 when the server answered /login with the SPA itself (no login.html in
 * the build), which would otherwise reload forever.
 */
const INITIAL_PATH = typeof window === 'undefined' ? '' : window.location.pathname;

export function LoginRedirect() {
  const { search } = useLocation();
  const servedHere = INITIAL_PATH === '/login';
  useEffect(() => {
    if (!servedHere) window.location.replace(`/login${search}`);
  }, [servedHere, search]);
  return servedHere ? <NotFound /> : <FullPageSpin />;
}

/** A page only some roles may use: 403 for the others. */
export function RequireRole({ page, children }: { page: NavKey | readonly NavKey[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canUse(user.role, page)) return <Forbidden />;
  return <>{children}</>;
}
