import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../features/auth/session';
import { useErrorText } from '../lib/useErrorText';
import { Forbidden } from '../components/ResultPages';
import { canUse, type NavKey } from './navigation';

/** Where the login page sends the user back to. */
export interface LoginLocationState {
  from?: { pathname: string; search: string; hash: string };
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
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
    const state: LoginLocationState | null =
      notice === 'loggedOut' ? null : { from: { pathname: location.pathname, search: location.search, hash: location.hash } };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

/** A page only some roles may use: 403 for the others. */
export function RequireRole({ page, children }: { page: NavKey | readonly NavKey[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canUse(user.role, page)) return <Forbidden />;
  return <>{children}</>;
}
