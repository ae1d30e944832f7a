import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme as antdTheme } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { SessionProvider } from '../lib/session';
import { ApiError } from '../lib/api';
import { setDayjsLocale } from '../lib/dayjs';
import { MESSAGES, useLang } from '../lib/i18n';

export const FONT_FAMILY =
  "'Noto Sans SC', -apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers will not change by asking again; network hiccups and 5xx may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  useEffect(() => {
    setDayjsLocale(lang);
    document.title = MESSAGES[lang].app.title;
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'en-US' ? enUSAntd : zhCNAntd}
      // Button texts stay exactly as written ("登录", not "登 录").
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: antdTheme.defaultAlgorithm,
        token: { fontFamily: FONT_FAMILY, colorPrimary: '#1d4fa3', borderRadius: 4 },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#0f2a5a', headerPadding: '0 24px' },
          Menu: { darkItemBg: '#0f2a5a', darkSubMenuItemBg: '#0c2249', darkItemSelectedBg: '#1d4fa3' },
        },
      }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedAntd>
        <SessionProvider>{children}</SessionProvider>
      </LocalizedAntd>
    </QueryClientProvider>
  );
}
