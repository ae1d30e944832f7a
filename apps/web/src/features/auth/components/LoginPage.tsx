import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginLocationState } from '../../../app/guards';
import type { Lang } from '../../../lib/errors';
import { setLang, useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { login } from '../api';
import { useSession } from '../session';
import './login.css';

interface Values {
  username: string;
  password: string;
}

const LANGS: { label: string; value: Lang }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
];

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
  const { lang } = useLang();
  const [missing, setMissing] = useState({ username: false, password: false });
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

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') };
    const missing = { username: !values.username.trim(), password: !values.password };
    setMissing(missing);
    if (missing.username || missing.password) return;
    session.clearNotice();
    mutation.mutate(values);
  };
  const edited = () => {
    if (mutation.isError) mutation.reset();
  };

  // Plain elements styled by login.css, no antd component: the first page most people load renders without antd's
  // runtime styles (issue 21 item 12, login ≤ 500 ms).
  return (
    <div className="login-page">
      <div className="login-top">
        <div className="login-lang" role="group" aria-label={t('lang.label')}>
          {LANGS.map((l) => (
            <button key={l.value} type="button" aria-pressed={lang === l.value} onClick={() => setLang(l.value)}>
              {l.label}
            </button>
          ))}
        </div>
      </div>
      <div className="login-center">
        <div className="login-brand">
          <div className="login-emblem" aria-hidden>
            1+X
          </div>
          <h2 className="login-title">{t('app.title')}</h2>
          <span className="login-subtitle">{t('app.subtitle')}</span>
        </div>
        <section className="login-card" aria-labelledby="login-card-title">
          <h3 id="login-card-title" className="login-card-title">
            {t('auth.loginTitle')}
          </h3>
          {mutation.isError ? (
            <div role="alert" className="login-alert login-alert-error" data-testid="login-error">
              {errorText(mutation.error)}
            </div>
          ) : notice ? (
            <div role="status" className={`login-alert login-alert-${notice.type}`} data-testid="login-notice">
              {notice.text}
            </div>
          ) : null}
          <form noValidate onSubmit={submit} onChange={edited}>
            <label className="login-label" htmlFor="username">
              {t('auth.username')}
            </label>
            <input
              id="username"
              name="username"
              className="login-input"
              autoComplete="username"
              autoFocus
              aria-invalid={missing.username}
              aria-describedby={missing.username ? 'username-help' : undefined}
              onInput={() => setMissing((m) => ({ ...m, username: false }))}
            />
            <div id="username-help" className="login-help">
              {missing.username ? t('auth.usernameRequired') : null}
            </div>
            <label className="login-label" htmlFor="password">
              {t('auth.password')}
            </label>
            <input
              id="password"
              name="password"
              type="password"
              className="login-input"
              autoComplete="current-password"
              aria-invalid={missing.password}
              aria-describedby={missing.password ? 'password-help' : undefined}
              onInput={() => setMissing((m) => ({ ...m, password: false }))}
            />
            <div id="password-help" className="login-help">
              {missing.password ? t('auth.passwordRequired') : null}
            </div>
            <button type="submit" className="login-submit" disabled={mutation.isPending} aria-busy={mutation.isPending}>
              {t('auth.login')}
            </button>
          </form>
          <div className="login-links">
            <Link to="/verify" data-testid="login-verify-link">
              {t('auth.verifyLink')}
            </Link>
            <Link to="/catalog" data-testid="login-catalog-link">
              {t('auth.catalogLink')}
            </Link>
          </div>
          <div className="login-links">
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
          <p className="login-notice">{t('auth.notice')}</p>
        </section>
      </div>
      <div className="login-footer">© {t('app.footer')}</div>
    </div>
  );
}
