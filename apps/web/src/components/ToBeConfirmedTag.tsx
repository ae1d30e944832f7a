import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The small "待确认" tag of seed data whose details are not confirmed yet. */
export function ToBeConfirmedTag({ show, hint }: { show: boolean | undefined; hint?: string }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Tooltip title={hint ?? t('catalog.toBeConfirmedHint')}>
      <Tag color="gold" style={{ marginInlineStart: 4 }} data-testid="to-be-confirmed">
        {t('catalog.toBeConfirmed')}
      </Tag>
    </Tooltip>
  );
}
