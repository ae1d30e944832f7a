import { AuditOutlined, EnvironmentOutlined, LoginOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../lib/session';
import { FullPageSpin } from '../app/guards';
import { goToLogin } from '../lib/login-url';
import { AppLayout } from './AppLayout';
import { LanguageSwitch } from './LanguageSwitch';
import './layout.css';

/** The frame of the pages anyone may open (the certificate catalog): title, language, and a 登录 button. */
export function PublicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header public-header">
        <Link to="/catalog" className="public-brand">
          <span className="app-logo-mark public-logo-mark">1+X</span>
          <Typography.Title level={4} className="app-header-title">
            {t('app.title')}
          </Typography.Title>
        </Link>
        <Space size="large" align="center">
          <Link to="/verify" data-testid="public-verify">
            <SafetyOutlined /> {t('menu.verify')}
          </Link>
          <Link to="/policies" data-testid="public-policies">
            <AuditOutlined /> {t('menu.policies')}
          </Link>
          <Link to="/random-inspections" data-testid="public-random-inspections">
            <AuditOutlined /> {t('menu.randomInspections')}
          </Link>
          <Link to="/public/exam-sites" data-testid="public-exam-sites">
            <EnvironmentOutlined /> {t('menu.examSiteRegister')}
          </Link>
          <LanguageSwitch />
          <Button
            type="primary"
            icon={<LoginOutlined />}
            onClick={() => goToLogin({ next: `${location.pathname}${location.search}${location.hash}` }, 'assign')}
            data-testid="public-login"
          >
            {t('auth.login')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content public-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="app-footer">© {t('app.footer')}</Layout.Footer>
    </Layout>
  );
}

/** Public pages: inside the normal layout when signed in, else in the public one. */
export function PublicShell() {
  const { user, loading } = useSession();
  if (loading) return <FullPageSpin />;
  return user ? <AppLayout /> : <PublicLayout />;
}
