import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration, useRouteError } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppLayout } from '../components/AppLayout';
import { NotFound } from '../components/ResultPages';
import { AccountsPage } from '../features/accounts/components/AccountsPage';
import { ApiTokensPage } from '../features/api-tokens/components/ApiTokensPage';
import { AuditPage } from '../features/audit/components/AuditPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { HomePage } from '../features/home/components/HomePage';
import { RequireAuth, RequireRole } from './guards';
import { navItem } from './navigation';

/** The route paths of the web app. */
export const PATHS = {
  login: '/login',
  home: navItem('home').path,
  accounts: navItem('accounts').path,
  audit: navItem('audit').path,
  apiTokens: navItem('apiTokens').path,
} as const;

function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Result
      status="500"
      title={t('common.loadFailed')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: PATHS.login, element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: PATHS.accounts,
            element: (
              <RequireRole page="accounts">
                <AccountsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.audit,
            element: (
              <RequireRole page="audit">
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.apiTokens,
            element: (
              <RequireRole page="apiTokens">
                <ApiTokensPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
