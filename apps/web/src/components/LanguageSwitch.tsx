import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../lib/errors';
import { setLang, useLang } from '../lib/i18n';

/** 中文 / English, remembered in localStorage. */
export function LanguageSwitch() {
  const { lang } = useLang();
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(v) => setLang(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en-US' },
      ]}
    />
  );
}
