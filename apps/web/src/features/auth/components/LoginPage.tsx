import { BookOutlined, SafetyCertificateOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginLocationState } from '../../../app/guards';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useErrorText } from '../../../lib/useErrorText';
import { login } from '../api';
import { useSession } from '../session';
import './login.css';

interface Values {
  username: string;
  password: string;
}

function returnPath(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  if (!from || from.pathname === '/login' || !from.pathname.startsWith('/')) return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const errorText = useErrorText();
  const target = returnPath(location.state);

  const mutation = useMutation({
    mutationFn: (v: Values) => login(v.username.trim(), v.password),
    onSuccess: (res) => {
      session.signedIn(res.user, res.csrfToken);
      void navigate(target, { replace: true });
    },
  });

  if (session.user) return <Navigate to={target} replace />;

  const notice =
    session.notice === 'expired'
      ? { type: 'warning' as const, text: t('auth.sessionExpired') }
      : session.notice === 'loggedOut'
        ? { type: 'success' as const, text: t('auth.loggedOut') }
        : session.notice === 'required'
          ? { type: 'info' as const, text: t('auth.loginRequired') }
          : null;

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <div className="login-center">
        <div className="login-brand">
          <div className="login-emblem" aria-hidden>
            1+X
          </div>
          <Typography.Title level={2} className="login-title">
            {t('app.title')}
          </Typography.Title>
          <Typography.Text className="login-subtitle">{t('app.subtitle')}</Typography.Text>
        </div>
        <Card className="login-card" title={t('auth.loginTitle')}>
          {mutation.isError ? (
            <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} data-testid="login-error" />
          ) : notice ? (
            <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 16 }} data-testid="login-notice" />
          ) : null}
          <Form<Values>
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => {
              session.clearNotice();
              mutation.mutate(v);
            }}
            onValuesChange={() => {
              if (mutation.isError) mutation.reset();
            }}
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
                {t('auth.login')}
              </Button>
            </Form.Item>
          </Form>
          <div style={{ display: 'flex', justifyContent: 'center', gap: 16, marginBottom: 12 }}>
            <Link to="/verify" data-testid="login-verify-link">
              <SafetyCertificateOutlined /> {t('auth.verifyLink')}
            </Link>
            <Link to="/catalog" data-testid="login-catalog-link">
              <BookOutlined /> {t('auth.catalogLink')}
            </Link>
          </div>
          <div style={{ display: 'flex', justifyContent: 'center', gap: 16, marginBottom: 12 }}>
            <Link to="/activate" data-testid="login-activate-link">
              {t('exams.loginActivate')}
            </Link>
            <Link to="/register" data-testid="login-register-link">
              {t('exams.loginRegister')}
            </Link>
            <Link to="/school-registration" data-testid="login-school-registration-link">
              {t('auth.schoolRegistrationLink')}
            </Link>
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {t('auth.notice')}
          </Typography.Paragraph>
        </Card>
      </div>
      <div className="login-footer">© {t('app.footer')}</div>
    </div>
  );
}
